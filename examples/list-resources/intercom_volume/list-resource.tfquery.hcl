# Find every panel of block 7 and its speaker and microphone levels, for
# `terraform query -generate-config-out=panels.tf` (Terraform 1.14+), with
# at most 32 probes in flight.
list "intercom_volume" "block7" {
  provider         = intercom
  include_resource = true

  config {
    cidr        = "10.0.7.0/24"
    concurrency = 32
  }
}
