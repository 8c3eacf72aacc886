# Find every panel of block 7 and the levels by which it reads its analog
# line, for `terraform query -generate-config-out=panels.tf` (Terraform
# 1.14+).
list "intercom_line_levels" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr = "10.0.7.0/24"
  }
}
