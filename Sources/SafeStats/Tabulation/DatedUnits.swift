/// The units that a period rule dates, with their dates, and each dimension's category of every
/// unit computed once for all the tables that use it.
final class DatedUnits {
    private let input: TabulationInput
    private let rule: PeriodRule
    /// Positions in the population's array of the units the rule dates, and their dates.
    private let positions: [Int]
    private let days: [Int]
    private var columns: [TableDimension: [UInt16]] = [:]

    init(_ input: TabulationInput, rule: PeriodRule) {
        let input = input.units(countedBy: rule)
        self.input = input
        self.rule = rule
        var positions: [Int] = [], days: [Int] = []
        func keep(_ i: Int, _ date: ISODate?) {
            guard let date else { return }
            positions.append(i)
            days.append(date.daysSince1970)
        }
        switch rule.population {
        case .victims: input.victims.withUnsafeBufferPointer { units in for i in units.indices { keep(i, units[i].date(rule)) } }
        case .cases: input.cases.withUnsafeBufferPointer { units in for i in units.indices { keep(i, units[i].date(rule)) } }
        case .offenders: input.offenders.withUnsafeBufferPointer { units in for i in units.indices { keep(i, units[i].date(rule)) } }
        }
        self.positions = positions
        self.days = days
    }

    /// The indices (into this set of units) of the units dated within `period`.
    func members(of period: Period) -> [Int] {
        let start = period.start.daysSince1970, end = period.end.daysSince1970
        return days.indices.filter { days[$0] >= start && days[$0] <= end }
    }

    /// The category index of every unit on `dimension`.
    func column(_ dimension: TableDimension) -> [UInt16] {
        if let known = columns[dimension] { return known }
        var column = [UInt16]()
        column.reserveCapacity(positions.count)
        // Units are read in place through buffer pointers: an array subscript would copy each
        // unit and retain its sets.
        switch rule.population {
        case .victims: input.victims.withUnsafeBufferPointer { units in
            for i in positions { column.append(UInt16(dimension.categoryIndex(of: units[i]))) }
        }
        case .cases: input.cases.withUnsafeBufferPointer { units in
            for i in positions { column.append(UInt16(dimension.categoryIndex(of: units[i]))) }
        }
        case .offenders: input.offenders.withUnsafeBufferPointer { units in
            for i in positions { column.append(UInt16(dimension.categoryIndex(of: units[i]))) }
        }
        }
        columns[dimension] = column
        return column
    }
}
