"""Flask extensions, created here and bound to the application in `create_app`."""

from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
