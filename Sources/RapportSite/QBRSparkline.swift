import RapportCore

/// A small inline SVG of a KPI's recent values for the QBR scorecard: the last twelve
/// periods up to the end of the quarter, with the target as a dashed line. Drawn with
/// `currentColor` and patterns that survive black-and-white print.
enum QBRSparkline {
    static func svg(_ kpi: KPIReport, through last: Day, title: String) -> String {
        let values = kpi.measurements.filter { $0.start <= last }.suffix(12)
        guard values.count >= 2 else { return "" }
        let width = 120.0, height = 28.0, pad = 3.0
        var low = values.map(\.value).min()!, high = values.map(\.value).max()!
        if let target = kpi.quarterTarget ?? kpi.definition.target, kpi.definition.aggregate != .sum {
            low = min(low, target)
            high = max(high, target)
        }
        if high == low { high = low + 1 }
        func x(_ index: Int) -> String { fixed(pad + (width - 2 * pad) * Double(index) / Double(values.count - 1)) }
        func y(_ value: Double) -> String { fixed(height - pad - (height - 2 * pad) * (value - low) / (high - low)) }
        let points = values.enumerated().map { "\(x($0.offset)),\(y($0.element.value))" }.joined(separator: " ")
        var svg = "<svg class=\"spark\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(Format.escape(title)) trend\">"
        svg += "<title>\(Format.escape(title)): last \(values.count) periods</title>"
        if let target = kpi.definition.target, target >= low, target <= high {
            svg += "<line class=\"spark-target\" x1=\"0\" x2=\"\(Int(width))\" y1=\"\(y(target))\" y2=\"\(y(target))\"/>"
        }
        svg += "<polyline class=\"spark-line\" points=\"\(points)\"/>"
        let lastValue = values.last!
        svg += "<circle class=\"spark-dot status-\(lastValue.status.rawValue)\" cx=\"\(x(values.count - 1))\" cy=\"\(y(lastValue.value))\" r=\"2.5\"/>"
        return svg + "</svg>"
    }

    private static func fixed(_ value: Double) -> String { Numbers.display(value, decimals: 1) }
}
