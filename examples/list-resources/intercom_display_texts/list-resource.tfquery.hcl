# Find every panel of block 7, and two panels elsewhere, with their display
# texts, for `terraform query -generate-config-out=panels.tf` (Terraform
# 1.14+).
list "intercom_display_texts" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr      = "10.0.7.0/24"
    addresses = ["10.0.9.5", "https://gw.example.net/panels/17"]
  }
}
