# Credentials come from the environment, so they stay out of the
# configuration and out of version control:
#
#   export INTERCOM_USERNAME=admin
#   export INTERCOM_PASSWORD='...'
provider "intercom" {
  # The default panel, for resources and data sources that set no address
  # of their own. INTERCOM_ADDRESS works too.
  address = "10.0.0.5"

  # The defaults, spelled out.
  request_timeout         = "30s"
  max_retries             = 3
  max_concurrent_requests = 1
}
