variable "entry_codes" {
  description = "Entry codes by label, as quoted strings of digits so that leading zeros are kept."
  type        = map(string)
  sensitive   = true
  # e.g. TF_VAR_entry_codes='{"flat-12" = "04921", "flat-13" = "551234"}'
}

# The entry codes of the provider's default panel. Plans name each code by
# its label and never show the digits. Codes on the panel that this map does
# not list are left alone (exclusive = false, the default); removing a label
# from the map deletes its code from the panel, and a new code for a label
# replaces the old one.
resource "intercom_access_codes" "lobby" {
  codes = {
    "flat-12" = { code = var.entry_codes["flat-12"], apartment = 12 }
    "flat-13" = { code = var.entry_codes["flat-13"], apartment = 13 }
  }
}
