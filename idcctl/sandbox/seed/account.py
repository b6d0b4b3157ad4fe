"""Seed data of the account section: the user, its API tokens and the ids they share.

From the reference's "Get User Info" and "List Tokens" examples. `USER_ID`
and `DEFAULT_BILLING_ACCOUNT` are what new resources are stamped with.
"""

from __future__ import annotations

import copy
from typing import Any

USER_ID = 8
DEFAULT_BILLING_ACCOUNT = 6
CONSUMER_ID = "9b68f9e5-34a5-41bb-8938-944c17e38723"

USER: dict[str, Any] = {
    "cookie_id": "61b0378574974ae88dbfec0feb9917bc",
    "id": 8,
    "last_activity": "2018-02-22 14:18:47",
    "name": "user@example.com",
    "profile": None,
    "profile_data": {
        "avatar": "https://s.gravatar.com/avatar/bbb?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fsv.png",
        "created_at": "2018-10-25 11:02:59",
        "email": "user@example.com",
        "first_name": "Cloudia",
        "id": 22,
        "last_name": "Iaas",
        "personal_id_number": "123456",
        "phone_number": "+111111111",
        "updated_at": "2021-05-18 11:07:00",
        "user_id": 8,
    },
    "state": {},
}

TOKENS: list[dict[str, Any]] = [
    {"billing_account_id": 0, "consumer_id": CONSUMER_ID, "created_at": "2018-02-21 14:00:07",
     "description": "hea token", "id": 2, "kong_id": "a7540e94-bc84-4f18-a391-002c9b31eb34",
     "restricted": False, "token": "vYNKd8VWHg583sTkAZ8vKbyVtyXWILXn", "updated_at": None,
     "user_id": 8},
    {"billing_account_id": 6, "consumer_id": CONSUMER_ID, "created_at": "2018-02-22 14:24:02",
     "description": "Token Description", "id": 7, "kong_id": "1dd6f9f7-f679-4ad0-a44d-9343c37a7dfb",
     "restricted": True, "token": "PS2vfOCKuU52be83QZhMMndqOusfFkHr", "updated_at": None,
     "user_id": 8},
]


def user() -> dict[str, Any]:
    return copy.deepcopy(USER)


def tokens(position: int = 0) -> list[dict[str, Any]]:
    return [] if position else copy.deepcopy(TOKENS)
