"""Seed pricing: the reference's pricing policy (static, served as it is)."""

from __future__ import annotations

POLICY = {"policy": [
    {"numCpus": 1, "policyId": 1001, "price": 0.00521, "resourceType": "CPU",
     "serviceNameUserFriendly": "1 CPU"},
    {"megsRam": 512, "policyId": 1010, "price": 0.001645, "resourceType": "RAM",
     "serviceNameUserFriendly": "0.5 GB RAM"},
    {"megsRam": 1024, "policyId": 1011, "price": 0.00329, "resourceType": "RAM",
     "serviceNameUserFriendly": "1 GB RAM"},
    {"policyId": 1021, "price": 3.42e-05, "resourceType": "STORAGE", "serviceNameInUptime": "backup",
     "serviceNameUserFriendly": "Backup"},
    {"policyId": 1022, "price": 0.0001, "resourceType": "STORAGE", "serviceNameInUptime": "snapshot",
     "serviceNameUserFriendly": "Snapshot"},
    {"policyId": 1023, "price": 0.0001, "resourceType": "STORAGE", "serviceNameInUptime": "main",
     "serviceNameUserFriendly": "Storage"},
    {"policyId": 1030, "price": 0.00548, "resourceType": "LICENSE", "serviceNameInUptime": "windows",
     "serviceNameUserFriendly": "Windows license per core per hour"},
    {"policyId": 1040, "price": 3.42e-05, "resourceType": "OBJECT_STORAGE",
     "serviceNameInUptime": "object_storage", "serviceNameUserFriendly": "Object storage per gigabyte per hour"},
]}
