#!/usr/bin/env python3
"""Runs every ```console block of README.md, in order, in one bash session, and compares
what each `$ command` prints with the lines the README shows under it.

    check_examples.py README.md PORT_8080 PORT_8090

`localhost:8080` in a command is the Quick-start server (started like `scripts/run.sh`),
`localhost:8090` one started with `--enable-test-delay`. Times (RFC 3339) compare as equal.
For `curl -i` output the status line and body must match and every header the README shows
must be present with that value (the README trims the rest); any other output must match
exactly. A command the README shows without output must print nothing."""
import re
import subprocess
import sys

TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def blocks(text):
    """(line number, [(command, expected lines)]) for each console block."""
    out, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        if lines[i].strip() == "```console":
            start, i, steps = i + 1, i + 1, []
            while lines[i].strip() != "```":
                line = lines[i]
                if line.startswith("$ "):
                    command = line[2:]
                    while command.endswith("\\"):
                        i += 1
                        command = command[:-1] + lines[i].strip()
                    steps.append((command, []))
                elif steps:
                    steps[-1][1].append(line)
                i += 1
            out.append((start, steps))
        i += 1
    return out


def normal(line):
    return TIME.sub("<time>", line.rstrip("\r").rstrip())


def compare(expected, actual):
    """None when `actual` shows what `expected` does, else why not."""
    expected = [normal(l) for l in expected]
    actual = [normal(l) for l in actual]
    while expected and not expected[-1]:
        expected.pop()
    while actual and not actual[-1]:
        actual.pop()
    if expected and expected[0].startswith("HTTP/1.1 "):
        def split(lines):
            if "" in lines:
                cut = lines.index("")
                return lines[0], lines[1:cut], lines[cut + 1:]
            return lines[0], lines[1:], []
        if not actual or not actual[0].startswith("HTTP/"):
            return "no HTTP response"
        want_status, want_headers, want_body = split(expected)
        got_status, got_headers, got_body = split(actual)
        if want_status != got_status:
            return f"status {got_status!r}, README shows {want_status!r}"
        got = {h.split(":", 1)[0].lower(): h.split(":", 1)[1].strip() for h in got_headers if ":" in h}
        for header in want_headers:
            name, value = header.split(":", 1)
            if got.get(name.lower()) != value.strip():
                return f"header {name}: {got.get(name.lower())!r}, README shows {value.strip()!r}"
        if want_body != got_body:
            return f"body {got_body!r}, README shows {want_body!r}"
        return None
    if expected != actual:
        return f"printed {actual!r}, README shows {expected!r}"
    return None


def main():
    readme, quick, delayed = sys.argv[1], sys.argv[2], sys.argv[3]
    steps = [(line, command, expected) for line, block in blocks(open(readme).read()) for command, expected in block]
    script = ["set +e"]
    for n, (_, command, _) in enumerate(steps):
        command = command.replace("localhost:8080", f"127.0.0.1:{quick}").replace("localhost:8090", f"127.0.0.1:{delayed}")
        script.append(f"printf '\\n@@step {n}\\n'")
        script.append(command)
    script.append("wait")
    printed = subprocess.run(["bash", "-c", "\n".join(script)], capture_output=True, text=True, timeout=120).stdout
    outputs = {}
    for chunk in printed.split("\n@@step ")[1:]:
        number, _, rest = chunk.partition("\n")
        outputs[int(number)] = rest.split("\n")
    failures = 0
    for n, (line, command, expected) in enumerate(steps):
        problem = compare(expected, outputs.get(n, []))
        if problem:
            failures += 1
            print(f"FAIL README.md block at line {line}: $ {command}\n     {problem}")
    print(f"{len(steps) - failures} of {len(steps)} README commands print what the README shows")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
