"""Login accounts of board members: sign-in, sign-out, password reset."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)
