# The import ID is the panel's address, spelled any way `address` accepts:
# 10.0.0.5, 10.0.0.5:8080, http://10.0.0.5, https://gw.example.net/panels/17.
terraform import intercom_ntp.lobby 10.0.0.5
