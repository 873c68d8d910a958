"""On-site supervisor (OSS) mode: invitations, the OSS's reduced profile, signed
record packages and the PE's import (issue 14). Formats: docs/oss-protocol.md."""
