# The RFID keys of the provider's default panel, keyed by the key's UID in
# upper-case hex. An attribute left out of a key takes its default, 0.
# Keys that residents enrolled at the panel themselves are left alone
# (exclusive = false, the default); removing a key from this map deletes it
# from the panel.
resource "intercom_rfid_keys" "lobby" {
  keys = {
    "DDCCBBAA" = { apartment = 12 }
    "AB752589" = { apartment = 13 }
    "04A1B2C3" = {} # the caretaker's key, no flat
  }
}
