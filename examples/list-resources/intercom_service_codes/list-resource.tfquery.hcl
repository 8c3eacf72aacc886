# Find every panel of block 7 and its service codes, for
# `terraform query -generate-config-out=panels.tf` (Terraform 1.14+).
# The results leave the codes out: they are null in panels.tf, for you to
# set from a sensitive variable, or delete, before the first plan.
list "intercom_service_codes" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr = "10.0.7.0/24"
  }
}
