# The import ID is the panel's address, spelled any way `address` accepts:
# 10.0.0.5, 10.0.0.5:8080, http://10.0.0.5, https://gw.example.net/panels/17.
# Every code the panel holds is then in the state and managed, labelled
# flat-<apartment>-<n> (flat-12-1, flat-12-2, ...), numbered in code order.
terraform import intercom_access_codes.lobby 10.0.0.5
