# Each site keeps its own state, under a key of its own. The default is a
# local terraform.tfstate in this directory; for a team, uncomment one
# backend (and run terraform init -migrate-state once).

# terraform {
#   backend "s3" {
#     bucket       = "intercom-terraform-state"
#     key          = "sites/south/terraform.tfstate"
#     region       = "eu-central-1"
#     use_lockfile = true # Terraform 1.10+; older releases lock with dynamodb_table
#   }
# }

# terraform {
#   backend "gcs" {
#     bucket = "intercom-terraform-state"
#     prefix = "sites/south"
#   }
# }

# terraform {
#   backend "http" {
#     address        = "https://state.example.net/intercom/sites/south"
#     lock_address   = "https://state.example.net/intercom/sites/south/lock"
#     unlock_address = "https://state.example.net/intercom/sites/south/lock"
#   }
# }

terraform {
  backend "local" {}
}
