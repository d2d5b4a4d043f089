#!/usr/bin/env python3
"""Writes a large structured evidence file for bench/structured-read.sh.

Usage: generate-structured.py json|xml OUT [SIZE_MB=500]
json: Get-NetTCPConnection | ConvertTo-Json as Windows PowerShell 5.1 lays it out (4-space
      indent, "name":  value, CimClass / CimInstanceProperties / CimSystemProperties noise at the
      default depth), one array, CRLF.
xml:  wevtutil qe System /f:xml: one <Event> per line, no root element; every 50th event is a
      Tcpip 4227 or 4231, the rest are other providers' events.
Addresses and PIDs are invented (10.0.0.0/8, documentation names). The 5.1 layout ("name":  value,
nested values aligned under their name) is the one pasted in PowerShell/PowerShell#2448 and #3163.
"""
import sys

kind, out = sys.argv[1], sys.argv[2]
target = int(float(sys.argv[3]) * 1e6) if len(sys.argv) > 3 else 500_000_000
STATES = [5, 5, 5, 11, 11, 11, 2, 8, 100]
PIDS = [4, 784, 1060, 2244, 4321, 5120, 7788]


def json_object(i):
    state = STATES[i % len(STATES)]
    pid = 0 if state == 11 else PIDS[i % len(PIDS)]
    local = f"10.0.{i // 60000 % 250}.5"
    port = 1024 + i % 64000
    remote = "0.0.0.0" if state in (2, 100) else f"10.1.{i % 250}.{i % 200 + 1}"
    rport = 0 if state in (2, 100) else (443 if i % 3 else 1433)
    pad = " " * 34
    props = ",\r\n".join(f'{pad}"{p}"' for p in [
        "Caption", "Description", "ElementName", f'InstanceID = \\"{local}++{port}++{remote}++{rport}\\"',
        "CommunicationStatus", "DetailedStatus", "HealthState", "InstallDate", "Name", "OperatingStatus",
        "OperationalStatus", "PrimaryStatus", "Status", "StatusDescriptions", "AvailableRequestedStates",
        "EnabledDefault = 2", "EnabledState", "OtherEnabledState", "RequestedState = 5", "TimeOfLastStateChange",
        "TransitioningToState = 12", "AggregationBehavior", "Directionality", f'LocalAddress = \\"{local}\\"',
        f"LocalPort = {port}", f"OwningProcess = {pid}", f'RemoteAddress = \\"{remote}\\"', f"RemotePort = {rport}",
        f"State = {state}"])
    return (
        "    {\r\n"
        f'        "LocalAddress":  "{local}",\r\n'
        f'        "LocalPort":  {port},\r\n'
        f'        "RemoteAddress":  "{remote}",\r\n'
        f'        "RemotePort":  {rport},\r\n'
        f'        "State":  {state},\r\n'
        '        "AppliedSetting":  null,\r\n'
        f'        "OwningProcess":  {pid},\r\n'
        '        "CreationTime":  "\\/Date(1705329000000)\\/",\r\n'
        '        "OffloadState":  0,\r\n'
        '        "Caption":  null,\r\n'
        '        "Description":  null,\r\n'
        '        "ElementName":  null,\r\n'
        f'        "InstanceID":  "{local}++{port}++{remote}++{rport}",\r\n'
        '        "EnabledDefault":  2,\r\n'
        '        "RequestedState":  5,\r\n'
        '        "TransitioningToState":  12,\r\n'
        '        "PSComputerName":  null,\r\n'
        '        "CimClass":  {\r\n'
        '                         "CimSuperClassName":  "MSFT_NetTransportConnection",\r\n'
        '                         "CimSuperClass":  "ROOT/StandardCimv2:MSFT_NetTransportConnection",\r\n'
        '                         "CimClassProperties":  "Caption Description ElementName InstallDate Name",\r\n'
        '                         "CimClassQualifiers":  "dynamic = True provider = \\"nettcpip\\"",\r\n'
        '                         "CimClassMethods":  "RequestStateChange",\r\n'
        '                         "CimSystemProperties":  "Microsoft.Management.Infrastructure.CimSystemProperties"\r\n'
        '                     },\r\n'
        '        "CimInstanceProperties":  [\r\n'
        f"{props}\r\n"
        '                                  ],\r\n'
        '        "CimSystemProperties":  {\r\n'
        '                                    "Namespace":  "ROOT/StandardCimv2",\r\n'
        '                                    "ServerName":  "HOST7",\r\n'
        '                                    "ClassName":  "MSFT_NetTCPConnection",\r\n'
        '                                    "Path":  null\r\n'
        '                                }\r\n'
        "    }")


def xml_event(i):
    second = i % 86400
    time = f"2024-01-{15 + i // 86400 % 14:02d}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.{i % 10_000_000:07d}Z"
    if i % 50 == 0:
        eid = 4227 if i % 100 == 0 else 4231
        return (f"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Tcpip'/>"
                f"<EventID Qualifiers='16384'>{eid}</EventID><Version>0</Version><Level>3</Level><Task>0</Task><Opcode>0</Opcode>"
                f"<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='{time}'/><EventRecordID>{i + 1}</EventRecordID>"
                f"<Correlation/><Execution ProcessID='4' ThreadID='88'/><Channel>System</Channel><Computer>HOST7.example.test</Computer>"
                f"<Security/></System><EventData></EventData></Event>\r\n")
    return (f"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control Manager' "
            f"Guid='{{555908d1-a6d7-4695-8e1e-26931d2012f4}}' EventSourceName='Service Control Manager'/>"
            f"<EventID Qualifiers='16384'>7036</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode>"
            f"<Keywords>0x8080000000000000</Keywords><TimeCreated SystemTime='{time}'/><EventRecordID>{i + 1}</EventRecordID>"
            f"<Correlation/><Execution ProcessID='780' ThreadID='{i % 9000}'/><Channel>System</Channel><Computer>HOST7.example.test</Computer>"
            f"<Security/></System><EventData><Data Name='param1'>Example Update Service {i % 97}</Data><Data Name='param2'>running</Data>"
            f"<Binary>4500780061006D0070006C0065000000</Binary></EventData></Event>\r\n")


written = 0
count = 0
with open(out, "w", encoding="utf-8", newline="", buffering=1 << 22) as f:
    if kind == "json":
        f.write("[\r\n")
        while written < target:
            chunk = (",\r\n" if count else "") + json_object(count)
            f.write(chunk)
            written += len(chunk)
            count += 1
        f.write("\r\n]\r\n")
    elif kind == "xml":
        while written < target:
            chunk = xml_event(count)
            f.write(chunk)
            written += len(chunk)
            count += 1
    else:
        sys.exit("usage: generate-structured.py json|xml OUT [SIZE_MB]")
print(f"{out}: {count} {'objects' if kind == 'json' else 'events'}, {written / 1e6:.0f} MB", file=sys.stderr)
