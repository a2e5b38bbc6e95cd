import RapportCore

/// A small shape for each status, shown beside its word so that status never rests on
/// colour alone: a tick for on target, a triangle for at risk, a cross for off target and
/// a dash for no target. Inline SVG in `currentColor`, hidden from screen readers (the
/// word says it).
enum StatusIcon {
    static func svg(_ status: Status) -> String {
        let shape: String
        switch status {
        case .green:
            shape = "<path d=\"M3 8.5l3.2 3.2L13 4.8\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.4\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
        case .amber:
            shape = "<path d=\"M8 2L14.5 13.5H1.5z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/><path d=\"M8 6.2v3.3\" stroke=\"currentColor\" stroke-width=\"1.8\" stroke-linecap=\"round\"/><circle cx=\"8\" cy=\"11.5\" r=\"1\" fill=\"currentColor\"/>"
        case .red:
            shape = "<path d=\"M4 4l8 8M12 4l-8 8\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.4\" stroke-linecap=\"round\"/>"
        case .none:
            shape = "<path d=\"M3.5 8h9\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.4\" stroke-linecap=\"round\"/>"
        }
        return "<svg class=\"icon\" viewBox=\"0 0 16 16\" width=\"14\" height=\"14\" aria-hidden=\"true\">\(shape)</svg>"
    }
}
