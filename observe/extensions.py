"""Flask extensions, created unbound and bound to an app in ``create_app``.

This module imports nothing else from the package, so any module may import it
without creating an import cycle.
"""

from flask_babel import Babel
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from observe.db import Base

db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
