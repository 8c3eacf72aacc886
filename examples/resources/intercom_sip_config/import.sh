# The import ID is the panel's address, spelled as the configuration spells it.
terraform import intercom_sip_config.lobby 10.0.0.5
