# Credentials come from INTERCOM_USERNAME and INTERCOM_PASSWORD, so they
# stay out of the configuration and out of version control.
provider "intercom" {
  # The default panel for resources and data sources that set no address.
  address = "10.0.0.5"

  request_timeout         = "30s"
  max_retries             = 3
  max_concurrent_requests = 1
}
