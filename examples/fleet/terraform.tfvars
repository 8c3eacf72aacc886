panels = {
  "block-a-lobby" = {
    address = "10.0.1.10"
    user    = "a-lobby-7049a52d"
  }
  "block-a-garage" = {
    address  = "10.0.1.11:8080"
    user     = "a-garage-91c2e0f4"
    protocol = "tcp"
  }
  "block-b-lobby" = {
    address          = "https://gw.example.net:8443/panels/17"
    user             = "b-lobby-3d5e6f70"
    domain           = "27167.kazoo.example.net"
    protocol         = "tls"
    port             = 5061
    reset_on_destroy = true
  }
}
