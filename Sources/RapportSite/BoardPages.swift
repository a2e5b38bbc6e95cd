import RapportCore

/// The list pages that are trackers: meetings by quarter, the wins timeline, the feedback
/// board (one column per direction), and the expectation and change boards (one column
/// per status). Lists too long for a board stay readable: columns scroll with the page.
extension PageContext {
    /// Meetings: upcoming ones first, then every held meeting by quarter, newest first.
    func meetingsPage() -> TemplateValues {
        let asOf = model.analysis.asOf
        let meetings = model.portal.notes(of: .meeting)
        let upcoming = meetings.filter { $0.date! > asOf }.sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }
        let held = model.meetingsNewestFirst.filter { $0.date! <= asOf }
        return base(
            title: NoteKind.meeting.pluralTitle, section: "meetings",
            extra: [
                "upcoming": upcoming.map(meetingLink), "quarters": byQuarter(held, shared: "meeting-item", link: meetingLink),
                "count": meetings.count, "heldCount": held.count,
            ])
    }

    /// Wins as a timeline, newest first, grouped by quarter.
    func winsPage() -> TemplateValues {
        let wins = model.newestFirst(model.portal.notes(of: .win))
        return base(
            title: NoteKind.win.pluralTitle, section: "wins",
            extra: ["quarters": byQuarter(wins, link: winLink), "count": wins.count])
    }

    /// Feedback in two columns, one per direction; open feedback first, then newest first.
    func feedbackPage() -> TemplateValues {
        let order = ["open": 0, "acknowledged": 1, "addressed": 2]
        let notes = model.newestFirst(model.portal.notes(of: .feedback))
        let client = model.config.client.short
        let provider = model.config.provider.short
        let columns = [("client", "From \(client) to \(provider)"), ("provider", "From \(provider) to \(client)")].map {
            side, title -> TemplateValues in
            let items = notes.filter { note in
                if case .feedback(let feedback) = note.details { return feedback.from == side }
                return false
            }
            let ranked = items.enumerated().sorted { lhs, rhs in
                (rank(lhs.element, order), lhs.offset) < (rank(rhs.element, order), rhs.offset)
            }.map(\.element)
            return [
                "key": side, "title": title, "count": items.count,
                "items": ranked.map { note -> TemplateValues in
                    var card = feedbackLink(note)
                    card["excerpt"] = excerpt(note)
                    if case .feedback(let feedback) = note.details, let response = feedback.responseHTML {
                        card["responseHTML"] = NoteBody.fillRoot(response, root: root)
                    }
                    return card
                },
            ]
        }
        return base(title: NoteKind.feedback.pluralTitle, section: "feedback", extra: ["columns": columns, "count": notes.count])
    }

    /// Expectations in one column per status, those that need attention first.
    func expectationsPage() -> TemplateValues {
        let notes = model.portal.notes(of: .expectation).sorted { ($0.title, $0.id) < ($1.title, $1.id) }
        let columns = board(
            notes, statuses: ["missed", "at-risk", "on-track", "met"],
            status: { note in
                if case .expectation(let expectation) = note.details { return expectation.status }
                return nil
            },
            link: { note in
                var card = expectationLink(note)
                if case .expectation(let expectation) = note.details, let id = expectation.kpi,
                    let kpi = model.analysis.kpi(id)
                {
                    var link: TemplateValues = ["title": kpi.title, "href": Routes.note(NoteRef(kind: .kpi, id: id), from: root)]
                    if let latest = kpi.latest { link["status"] = status(latest.status) }
                    link["hasStatus"] = kpi.latest != nil
                    card["kpi"] = link
                }
                return card
            })
        return base(
            title: NoteKind.expectation.pluralTitle, section: "expectations", extra: ["columns": columns, "count": notes.count])
    }

    /// Change requests in one column per status, newest first in each.
    func changesPage() -> TemplateValues {
        let notes = model.newestFirst(model.portal.notes(of: .change))
        let columns = board(
            notes, statuses: ["proposed", "approved", "in-progress", "done", "rejected"],
            status: { note in
                if case .change(let change) = note.details { return change.status }
                return nil
            },
            link: changeLink)
        return base(title: NoteKind.change.pluralTitle, section: "changes", extra: ["columns": columns, "count": notes.count])
    }

    /// Notes (already in display order) grouped by the quarter of their date, in that order.
    /// With a `shared` name, each note's row and each quarter's group are made once and
    /// shared (`link` must then show nothing but the note itself).
    func byQuarter(_ notes: [Note], shared: String? = nil, link: @escaping (Note) -> TemplateValues) -> [TemplateRow] {
        var runs: [(quarter: Quarter, notes: [Note])] = []
        for note in notes {
            guard let date = note.date else { continue }
            let quarter = model.analysis.calendar.quarter(containing: date)
            if runs.last?.quarter == quarter {
                runs[runs.count - 1].notes.append(note)
            } else {
                runs.append((quarter, [note]))
            }
        }
        return runs.map { run in
            let make = {
                let items = run.notes.map { note in
                    let make = {
                        var item = link(note)
                        item["excerpt"] = excerpt(note)
                        return TemplateRow(item)
                    }
                    return shared.map { model.shared.noteValue($0, root: root, of: note.ref, make) } ?? make()
                }
                return TemplateRow([
                    "quarter": run.quarter.description,
                    "span": Format.quarterSpan(run.quarter, calendar: model.analysis.calendar),
                    "items": items, "count": items.count,
                ])
            }
            // The quarter's notes in the same order make the same group.
            return shared.map { model.shared.quarterValue($0 + "-quarter", root: root, of: run.quarter, make) } ?? make()
        }
    }

    /// Columns of a board, one per status in `statuses` order, plus "No status" when some
    /// notes have none. Empty columns are kept, so every board has the same shape.
    func board(
        _ notes: [Note], statuses: [String], status: (Note) -> String?, link: (Note) -> TemplateValues
    ) -> [TemplateValues] {
        var columns: [TemplateValues] = []
        for key in statuses + ["none"] {
            let items = notes.filter { (status($0) ?? "none") == key }
            if key == "none" && items.isEmpty { continue }
            columns.append([
                "key": key, "title": key == "none" ? "No status" : statusWord(key), "count": items.count,
                "items": items.map { note -> TemplateValues in
                    var card = link(note)
                    card["excerpt"] = excerpt(note, limit: 140)
                    return card
                },
            ])
        }
        return columns
    }

    private func rank(_ note: Note, _ order: [String: Int]) -> Int {
        if case .feedback(let feedback) = note.details { return order[feedback.status] ?? 3 }
        return 3
    }
}
