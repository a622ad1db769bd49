#!/usr/bin/env python3
"""Slow clients against a running gateway (deploy/local/up), the figures of docs/api.md "Uploads and downloads in progress".

Usage: bench/gateway/slow-clients.py ADMIN_KEY IMAGE [downloads=40] [stagger_s=0.5]
  IMAGE: a large image file (e.g. 13 MB of noise PNG); a fresh tenant uploads it, then opens `downloads` downloads of its
  content, `stagger_s` apart, reading nothing, and prints the answers' status lines, the gateway's resident memory and
  realskin_gateway_bodies_in_flight_bytes meanwhile; then one upload announcing 100 000 bytes and sending a byte every
  5 s, and how long until its answer. Gateway on 127.0.0.1:8080, management on :9080.
"""
import collections, json, socket, subprocess, sys, time, urllib.request

API, METRICS = "http://127.0.0.1:8080", "http://127.0.0.1:9080/q/metrics"


def call(method, path, key, body=None, content_type="application/json"):
    request = urllib.request.Request(API + path, data=body, method=method,
                                     headers={"Authorization": "Bearer " + key, "Content-Type": content_type})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def in_flight():
    for line in urllib.request.urlopen(METRICS).read().decode().splitlines():
        if line.startswith("realskin_gateway_bodies_in_flight_bytes"):
            return float(line.split()[-1])


def gateway_rss_kb():
    pid = subprocess.run(["pgrep", "-f", "gateway-service/target/quarkus-app"], capture_output=True, text=True).stdout.split()[0]
    return next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))


def main():
    admin, image_file = sys.argv[1], sys.argv[2]
    downloads = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    stagger = float(sys.argv[4]) if len(sys.argv) > 4 else 0.5
    tenant = call("POST", "/v1/admin/tenants", admin, json.dumps({"name": "slow clients", "plan": "pro"}).encode())["id"]
    key = call("POST", "/v1/admin/api-keys", admin, json.dumps({"tenantId": tenant, "scopes": ["jobs:read", "jobs:write"]}).encode())["key"]
    image = call("POST", "/v1/images", key, open(image_file, "rb").read(), "application/octet-stream")["id"]
    print(f"rss before {gateway_rss_kb()} kB")
    sockets = []
    for _ in range(downloads):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(("127.0.0.1", 8080))
        s.sendall(f"GET /v1/images/{image}/content HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\n\r\n".encode())
        sockets.append(s)
        time.sleep(stagger)
    time.sleep(3)
    print(f"rss with {downloads} unread downloads {gateway_rss_kb()} kB, bodies in flight {in_flight():.0f} bytes")
    statuses = collections.Counter()
    for s in sockets:
        s.settimeout(2)
        try:
            statuses[s.recv(64).split(b"\r\n")[0].decode()] += 1
        except OSError as e:
            statuses["no answer: " + str(e)] += 1
        s.close()
    print(dict(statuses))
    time.sleep(2)
    print(f"bodies in flight after the clients closed {in_flight():.0f} bytes")

    s = socket.create_connection(("127.0.0.1", 8080))
    s.settimeout(4.5)
    s.sendall(f"POST /v1/images HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nContent-Type: image/png\r\n"
              f"Content-Length: 100000\r\n\r\n".encode())
    start = time.time()
    while time.time() - start < 1200:
        try:
            s.sendall(b"x")
            status_line = s.recv(4096).split(b"\r\n")[0].decode()
            print(f"trickled upload answered after {time.time() - start:.0f} s: {status_line}")
            break
        except socket.timeout:
            continue
        except OSError as e:
            print(f"trickled upload: connection closed after {time.time() - start:.0f} s ({e})")
            break
    print(f"bodies in flight {in_flight():.0f} bytes")


if __name__ == "__main__":
    main()
