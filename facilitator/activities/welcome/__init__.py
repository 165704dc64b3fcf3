"""The welcome: the room gathers, the big screen shows the QR code and who has arrived."""
