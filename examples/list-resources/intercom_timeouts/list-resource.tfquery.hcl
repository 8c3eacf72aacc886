# Find every panel of block 7 and its door and call timeouts, for
# `terraform query -generate-config-out=panels.tf` (Terraform 1.14+).
list "intercom_timeouts" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr = "10.0.7.0/24"
  }
}
