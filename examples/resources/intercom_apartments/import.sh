# The import ID is the panel's address, spelled any way `address` accepts:
# 10.0.0.5, 10.0.0.5:8080, http://10.0.0.5, https://gw.example.net/panels/17.
# Every flat the panel holds is then in the state and managed.
terraform import intercom_apartments.lobby 10.0.0.5
