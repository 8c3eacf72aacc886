# Find every panel of block 7 and the modes that keep its door open, for
# `terraform query -generate-config-out=panels.tf` (Terraform 1.14+).
list "intercom_special_modes" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr = "10.0.7.0/24"
  }
}
