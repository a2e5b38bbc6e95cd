/// A small partnership, as of 2026-03-20, whose every figure is known by hand:
///
/// - `first-contact-resolution` (%, higher, target 85, warning 80): Jan 82.5, Feb 84.1,
///   Mar 86.2 -> latest March 86.2%, green, +2.1 pts improving.
/// - `average-handle-time` (s, lower, target 420, warning 450): Jan 431, Feb 447 ->
///   latest February 447 s, amber, +16 s worsening.
/// - `escalations` (lower, target 5, no warning): Feb 9, Apr 3 -> April starts after the
///   as-of date, so the latest is February, 9, red.
/// - `backlog` (no target): Mar 12 -> status none.
/// - Two meetings with actions: one overdue owned by Ana (due 10 March: 10 days), one
///   overdue with no owner (due 15 March: 5 days), one due soon owned by Raj, one done.
/// - An internal meeting and a draft win, which a shared build must not show anywhere.
enum PortalFixture {
    static let asOf = "2026-03-20"

    static let files: [String: String] = [
        "kpis/first-contact-resolution.md": """
            ---
            title: First contact resolution
            unit: "%"
            direction: higher
            target: 85
            warning: 80
            measurements:
              2026-01: 82.5
              2026-02: 84.1
              2026-03: 86.2
            ---
            Resolved on first contact.
            """,
        "kpis/average-handle-time.md": """
            ---
            title: Average handle time
            unit: s
            direction: lower
            target: 420
            warning: 450
            measurements:
              2026-01: 431
              2026-02: 447
            ---
            Talk plus wrap-up.
            """,
        "kpis/escalations.md": """
            ---
            title: Escalations
            direction: lower
            target: 5
            measurements:
              2026-02: 9
              2026-04: 3
            ---
            """,
        "kpis/backlog.md": """
            ---
            title: Backlog
            unit: tickets
            measurements:
              2026-03: 12
            ---
            """,
        "meetings/2026-03-02-check-in.md": """
            ---
            title: March check-in
            date: 2026-03-02
            kind: check-in
            attendees: [ana, raj]
            tags: [rota]
            ---
            ## Notes

            We looked at the rota.

            ## Decisions

            - Keep the Monday pack.
            - Move the review to Thursdays.

            ## Action items

            - [ ] @ana Send the rota (due 2026-03-10)
            - [ ] Confirm the room (due 2026-03-15)
            - [x] @ana Book the trainers (due 2026-03-01)
            """,
        "meetings/2026-03-16-check-in.md": """
            ---
            title: Mid-March check-in
            date: 2026-03-16
            kind: check-in
            attendees: [raj]
            ---
            - [ ] @raj Fix the IVR menu (due 2026-03-25)
            """,
        "meetings/2026-04-01-steering.md": """
            ---
            title: April steering committee
            date: 2026-04-01
            kind: steering
            attendees: [ana, li]
            ---
            Planned.
            """,
        "meetings/2026-03-05-secret.md": """
            ---
            title: Internal pricing huddle
            date: 2026-03-05
            visibility: internal
            ---
            - [ ] @raj Reprice the contract (due 2026-03-06)
            """,
        "wins/2026-03-12-record-week.md": """
            ---
            title: Record week for first contact resolution
            date: 2026-03-12
            team: both
            kpi: first-contact-resolution
            ---
            Thanks to @raj and the whole team.
            """,
        "wins/2026-03-18-draft-win.md": """
            ---
            title: Unannounced draft celebration
            date: 2026-03-18
            draft: true
            ---
            Not yet.
            """,
        "feedback/2026-03-09-late-rota.md": """
            ---
            title: The rota arrives late
            date: 2026-03-09
            from: provider
            sentiment: constructive
            status: acknowledged
            response: We will send it by Thursday.
            ---
            It came on Monday.
            """,
        "expectations/weekly-pack.md": """
            ---
            title: Weekly performance pack
            owner: provider
            cadence: weekly
            status: at-risk
            kpi: first-contact-resolution
            ---
            Every Monday.
            """,
        "changes/2026-03-11-longer-chat-hours.md": """
            ---
            title: Longer chat hours
            date: 2026-03-11
            status: proposed
            requested_by: "@ana"
            ---
            Open chat until 22:00.
            """,
        "pages/contacts.md": """
            ---
            title: Contacts
            ---
            Who to call.
            """,
    ]
}
