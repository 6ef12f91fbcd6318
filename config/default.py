"""Settings every installation starts from; the environment overrides them (see consult.settings)."""

from datetime import timedelta

#: SQLite in the instance folder unless DATABASE_URL says otherwise.
SQLALCHEMY_DATABASE_URI = None
#: Passed to SQLAlchemy's create_engine. A connection that died while idle (a database restart)
#: is replaced unseen without pool_pre_ping: one idle for a second is tested before use
#: (consult.extensions.init_idle_ping).
SQLALCHEMY_ENGINE_OPTIONS = {}
#: On SQLite, how long a write waits for another writer before the user is asked to try again.
SQLITE_BUSY_TIMEOUT_SECONDS = 10

#: Only for the demo and development; production refuses to start without SECRET_KEY.
SECRET_KEY = "dev-only-not-secret"

#: Where links in e-mails point to.
BASE_URL = "http://localhost:5000"

BABEL_DEFAULT_LOCALE = "nl"
BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
LANGUAGES = ("nl", "en")
#: The languages a consultation can be translated into (the questionnaire, its mails and
#: letters); the application's own screens stay in LANGUAGES. Written right to left: RTL_LANGUAGES.
QUESTIONNAIRE_LANGUAGES = ("nl", "en", "tr", "ar", "pl", "de", "fr", "uk", "ti")
RTL_LANGUAGES = ("ar",)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = False
REMEMBER_COOKIE_HTTPONLY = True
PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
#: How often a session's "last seen" is written at most (the account page shows it).
SESSION_SEEN_INTERVAL = timedelta(minutes=5)
WTF_CSRF_TIME_LIMIT = None

#: Mail goes over SMTP when MAIL_SERVER is set; otherwise it stays in the in-app outbox.
MAIL_SERVER = None
MAIL_PORT = 25
MAIL_USE_TLS = False
MAIL_USE_SSL = False
MAIL_USERNAME = None
MAIL_PASSWORD = None
MAIL_DEFAULT_SENDER = "Consult <noreply@localhost>"
#: Who tenants may write to about this installation (the accessibility statement names it
#: where an organisation has no contact address of its own). Empty: no address is shown.
CONTACT_EMAIL = ""

#: How many reverse proxies stand in front of the app (X-Forwarded-For/-Proto are trusted from
#: that many hops). 0 when the app faces the internet itself; 1 behind nginx or Caddy.
TRUSTED_PROXIES = 0

#: Mail delivery (see consult.core.delivery): batch size per claim, a rate limit for the
#: organisation's relay (messages per minute, 0 = none), retries with doubling pauses.
MAIL_BATCH_SIZE = 100
MAIL_RATE_PER_MINUTE = 0
MAIL_MAX_ATTEMPTS = 8
MAIL_RETRY_BASE_SECONDS = 60
#: How long a worker holds claimed messages; after a crash others take them over after this.
MAIL_CLAIM_LEASE_SECONDS = 300
#: An SMTP connection gives up after this; well within the lease.
MAIL_SMTP_TIMEOUT_SECONDS = 30
#: With REDIS_URL set, RQ workers on this queue send the mail.
REDIS_URL = None
RQ_QUEUE = "consult-mail"

#: How often the mail worker looks for dossier deadlines to mail about (and always on the
#: first round of a new day); see consult.dossiers.deadline_mail.
DEADLINE_MAIL_CHECK_SECONDS = 600
#: How often the mail worker looks for answers to thank (consult.texts.thanks).
THANKS_MAIL_CHECK_SECONDS = 300

#: Stated here, not left to Flask-Limiter: its one shared limiter otherwise keeps the value of
#: the previous app built in this process, so an app built with limits off (a test, a bench)
#: would leave every later app without any.
RATELIMIT_ENABLED = True
#: Flask-Limiter storage; memory:// is per process, so scale-out uses Redis.
RATELIMIT_STORAGE_URI = "memory://"
#: When Redis is unreachable, count per process until it answers again rather than fail.
RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
RATELIMIT_HEADERS_ENABLED = True
# The limits below stop guessing and flooding, never a crowd of real tenants behind one address
# (a meeting's Wi-Fi, a care home, a mobile carrier); docs/assurance.md gives each one's crowd.
#: Failed sign-ins per account and address pair (a wrong password; a sign-in that works never
#: counts), so boards sharing one office address do not lock each other out.
LOGIN_RATE_LIMIT = "10 per minute"
#: Failed sign-ins per address over all accounts: stops trying many accounts from one address.
LOGIN_ADDRESS_RATE_LIMIT = "30 per minute"
#: Wrong two-factor codes and wrong current passwords on the account page, per account (not
#: per address): the step after a password, so only someone who knows it counts here.
ACCOUNT_CODE_RATE_LIMIT = "10 per hour"
#: Failed look-ups of links per address (unknown, used, withdrawn or expired), over every kind
#: of link together: invitations, member pages, join confirmations, open links, calendars.
LINK_GUESS_RATE_LIMIT = "60 per minute"
#: Requests per personal link (an invitation, a member's page, a join confirmation).
LINK_RATE_LIMIT = "120 per minute"
#: Requests per open link, which a whole meeting may answer through at once.
OPEN_LINK_RATE_LIMIT = "1200 per minute"
#: Requests per calendar feed (calendar services fetch from a few shared addresses).
CALENDAR_RATE_LIMIT = "60 per minute"
#: Requests to the JSON API per token, over all its endpoints together.
API_RATE_LIMIT = "120 per minute"

#: werkzeug hash method for passwords (scrypt with its default cost).
PASSWORD_HASH_METHOD = "scrypt"

#: How long an e-mailed password reset link works.
PASSWORD_RESET_VALID_FOR = timedelta(hours=1)
#: How long the link in an invitation to an organisation's team works (to choose a password).
ACCOUNT_INVITATION_VALID_FOR = timedelta(days=7)

#: Figures about fewer people than this are not shown (a person could be recognised).
MIN_GROUP_SIZE = 5
#: Responses to anonymous consultations are held back sealed and written MIN_GROUP_SIZE at a
#: time (consult.surveys.holding, docs/assurance.md). Only the test settings can turn it off:
#: outside TESTING it is on whatever this says.
HOLD_ANONYMOUS_RESPONSES = True

#: Days a royal decree equates with public holidays for legal terms (Algemene termijnenwet
#: art. 3(3)); add the days of each new decree (Staatscourant), as ISO dates.
EQUATED_HOLIDAYS = ["2026-01-02", "2026-05-15", "2027-05-07"]

#: A TrueType font for advice letters as PDF (a "-Bold" file beside it is used for headings).
#: Without it the PDF uses a built-in font that writes quotes and the euro sign plainly.
PDF_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

#: Keep answer pages as they look before any answer and reuse them for the next visitor, with
#: that visitor's link and form key pasted in (see consult.surveys.kept_pages for the rule).
#: False: every answer page is rendered anew.
KEEP_ANSWER_PAGES = True

#: Largest request body accepted (answers, forms).
MAX_CONTENT_LENGTH = 2 * 1024 * 1024
#: Largest member list the board may upload to import (the import pages accept this much).
IMPORT_MAX_BYTES = 10 * 1024 * 1024
#: Largest document the board may add to a dossier (the upload accepts this much).
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
#: Largest photo a tenant may add to an answer (a phone's camera makes 2-5 MB).
MAX_PHOTO_BYTES = 8 * 1024 * 1024
#: The final agenda of a meeting carries its papers when together they are at most this size;
#: larger, the mail links to the meeting's page only (many mail servers refuse over 10-25 MB).
MEETING_PAPERS_MAIL_MAX_BYTES = 10 * 1024 * 1024
#: Where dossier documents are stored, a subfolder per organisation; never under /static,
#: they are served only to members of the organisation. None: "uploads" in the instance folder.
UPLOAD_FOLDER = None
#: Office files and member lists are zip archives: refuse one that unpacks to more than this in
#: total, or (from 1 MB unpacked) to more than this many times its own size. Real documents
#: pack 3 to 20 times; a zip bomb a thousand times.
UPLOAD_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
UPLOAD_MAX_COMPRESSION_RATIO = 100

#: How long a confirmation link for joining the panel works; unconfirmed sign-ups and
#: invitations to join are purged after this.
MEMBER_CONFIRM_VALID_FOR = timedelta(days=14)
#: How long the e-mailed link to a member's own page works.
MEMBER_ACCESS_VALID_FOR = timedelta(hours=24)
#: Sign-ups, member-page links and password resets per e-mail address entered: no mailbox
#: is flooded with mail it did not ask for.
MAIL_REQUEST_RATE_LIMIT = "5 per hour"
#: The same forms per address of the visitor: a recruitment evening's sign-ups stay below.
PUBLIC_FORM_RATE_LIMIT = "300 per hour"
#: Team invitations (new and sent again) per admin: enough for a new board, too few to
#: flood a mailbox or the organisation's mail relay.
TEAM_INVITE_RATE_LIMIT = "30 per hour"
