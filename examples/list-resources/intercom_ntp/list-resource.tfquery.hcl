# Find every panel of block 7 that serves its API on port 8080, with its NTP
# settings, for `terraform query -generate-config-out=panels.tf` (Terraform
# 1.14+).
list "intercom_ntp" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr = "10.0.7.0/24"
    port = 8080
  }
}
