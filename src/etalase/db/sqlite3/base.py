"""Django's SQLite backend, allowing the bound-parameter limit of modern SQLite.

Django assumes SQLite's old limit of 999 parameters, so a bulk insert of a 38-column
table goes in batches of 26 rows. SQLite 3.32 (2020) raised the limit to 32,766;
larger batches make imports and the demo seed several times faster.
"""

import sqlite3

from django.db.backends.sqlite3 import base, features


class DatabaseFeatures(features.DatabaseFeatures):
    max_query_params = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
