# Finds the installed panels of one site's address range and writes their
# configuration, with `terraform query` (Terraform 1.14+):
#
#   terraform -chdir=adopt query -var cidr=10.0.3.0/24 -generate-config-out=east.tf
#
# east.tf then holds an import block and a resource block for each panel
# found: what the panels hold now. Turn its addresses into inventory.csv
# rows of the site (see the guide "Fleets past one state") and delete it:
# the panels are managed by sites/east, never from here. This directory
# keeps no state of its own worth keeping.
terraform {
  required_version = ">= 1.5.7"

  required_providers {
    intercom = {
      source  = "domofon/intercom"
      version = "~> 0.1"
    }
  }
}

# The admin account from INTERCOM_USERNAME and INTERCOM_PASSWORD; panels
# with passwords of their own need `panels`, as in the sites.
provider "intercom" {}
