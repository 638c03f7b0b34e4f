"""`lmcore facilities …`: what the Department provides the Union (Art. 46) and the working-space minimum (Art. 29 §2.a):
the meeting rooms and when to ask (§7), visitor parking (§4.b), bulletin boards (§2.c), the list of all of them."""
from __future__ import annotations

from typing import Any

from . import add_common, load, print_json, print_result, rule_date


def register(sub: Any) -> None:
    p = sub.add_parser("facilities", help="the Union's meeting rooms, parking, bulletin boards and space (Art. 46, Art. 29 §2.a)")
    fa = p.add_subparsers(dest="facilities_command", metavar="WHAT")

    s = fa.add_parser("list", help="everything Art. 46 (and Art. 29 §2.a) counts out, with the words of each")
    s.set_defaults(func=run_list)

    s = fa.add_parser("room", help="last day to ask for the Union's meeting rooms (Art. 46 §7)")
    s.add_argument("--meeting", required=True, metavar="DATE", help="the day of the meeting")
    s.add_argument("--full-day", action="store_true", help="the rooms the Union has for the full day on their weekday (Art. 46 §7)")
    s.add_argument("--from", dest="start_time", metavar="HH:MM", help="meeting starts (lunch-hour rooms)")
    s.add_argument("--to", dest="end_time", metavar="HH:MM", help="meeting ends (lunch-hour rooms)")
    s.set_defaults(func=run_room)

    s = fa.add_parser("parking", help="last day to ask for a visitor's parking space in the FPB (Art. 46 §4.b)")
    s.add_argument("--need", required=True, metavar="DATE", help="the day the visitor needs the space")
    s.set_defaults(func=run_parking)

    s = fa.add_parser("boards", help="how many Union bulletin boards the Department provides (Art. 46 §2.c)")
    s.add_argument("--building", action="append", required=True, metavar="NAME[:kiosk][:fpb]",
                   help="a building where unit employees work (repeat for each); ':kiosk' if it has a Union kiosk, ':fpb' for the "
                        "Frances Perkins Building")
    s.set_defaults(func=run_boards)

    s = fa.add_parser("space", help="does a workspace meet the minimum working space? (Art. 29 §2.a)")
    s.add_argument("--square-feet", required=True, metavar="N", help="the employee's working space in square feet")
    s.set_defaults(func=run_space)

    for parser in fa.choices.values():
        add_common(parser)


def run_list(args: Any) -> int:
    from ..bargaining.facilities import entitlements

    items = entitlements(load(args))
    if args.json:
        print_json({"entitlements": [e.to_dict() for e in items]})
    else:
        print("\n".join(f"{e.what}: {e.amount} ({e.cite})" for e in items))
    return 0


def run_room(args: Any) -> int:
    from ..bargaining.facilities import meeting_room_request_due

    r = meeting_room_request_due(rule_date(args.meeting, "meeting day", "Art. 46 §7"), load(args), full_day=args.full_day,
                                 start_time=args.start_time, end_time=args.end_time)
    return print_result(args, r)


def run_parking(args: Any) -> int:
    from ..bargaining.facilities import visitor_parking_request_due

    return print_result(args, visitor_parking_request_due(rule_date(args.need, "day the parking is needed", "Art. 46 §4.b"), load(args)))


def run_boards(args: Any) -> int:
    from ..bargaining.facilities import Building, bulletin_boards
    from ..errors import InvalidInput

    buildings = []
    for item in args.building:
        name, *flags = [x.strip() for x in item.split(":")]
        bad = sorted(set(flags) - {"kiosk", "fpb"})
        if bad:
            raise InvalidInput(f"'{item}': '{bad[0]}' is not a building mark", cite="Art. 46 §2.c", fix="Write NAME, NAME:kiosk or NAME:fpb")
        buildings.append(Building(name, "kiosk" in flags, "fpb" in flags))
    return print_result(args, bulletin_boards(buildings, load(args)))


def run_space(args: Any) -> int:
    from ..bargaining.facilities import working_space

    return print_result(args, working_space(args.square_feet, load(args)))
