import {
  to = intercom_sip_config.lobby
  id = "10.0.0.5"
}
