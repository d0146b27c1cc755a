"""The test caseworkers' tokens. scripts/test.sh configures only their SHA-256 hashes."""
ANNE = "anne-test-token-0001"
BJORN = "bjorn-test-token-0002"
