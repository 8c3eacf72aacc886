# Find every panel of block 7 (10.0.7.0/24, port 80) and its SIP account,
# for `terraform query -generate-config-out=panels.tf` (Terraform 1.14+).
# The results leave the SIP password out: it is null in panels.tf, for you
# to set from a sensitive variable before the first plan.
list "intercom_sip_config" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr = "10.0.7.0/24"
    port = 80
  }
}
