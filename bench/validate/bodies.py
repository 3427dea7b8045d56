"""Writes the request bodies bench/validate sends, into the directory given.

validate.bin: a gRPC frame around the specification's example
ValidateRequest. health.bin: an empty HealthCheckRequest frame.
response.size: the size of the framed answer every approved validation gets.
"""
import struct
import sys


def field(number, text):
    data = text.encode()
    return bytes([number << 3 | 2, len(data)]) + data


def frame(message):
    return b"\0" + struct.pack(">I", len(message)) + message


directory = sys.argv[1]
request = (field(1, "editor@example.com") + field(2, "outreach@yourdomain.com")
           + field(3, "Guest Post: AI Marketing Trends"))
open(directory + "/validate.bin", "wb").write(frame(request))
open(directory + "/health.bin", "wb").write(frame(b""))
# The approved answer: allowed, reason, legal basis, both limits, region.
response = (bytes([0x08, 1]) + field(2, "All checks passed") + field(3, "legitimate_interest")
            + bytes([0x28, 100, 0x38, 20]) + field(8, "US"))
open(directory + "/response.size", "w").write(str(len(frame(response))))
