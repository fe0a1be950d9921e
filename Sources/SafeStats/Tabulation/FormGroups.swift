/// Coarser groupings of the form of exploitation, as levels of one hierarchy whose finest level
/// is `form` (each form, or `multiple_forms`), so tables using different groupings stay linked.
extension TableDimension {
    /// UNODC GLOTIP's forms of exploitation.
    static let glotipForms = ["sexual_exploitation", "forced_labour", "forced_criminal_activity", "begging",
                              "forced_marriage", "organ_removal", "other_purposes", "unknown", "multiple_forms"]

    /// The US TIP Report's split: sex trafficking, labour trafficking, other forms. A victim,
    /// case or offender with several forms is `multiple_forms`, even when all are labour forms:
    /// only so is the split a coarsening of `form`.
    static let traffickingTypes = ["sex_trafficking", "labour_trafficking", "other_forms", "unknown", "multiple_forms"]

    /// For each category of `form` (by index), its GLOTIP group's index.
    static let glotipFormOfForm: [Int] = formCategories.map { form in
        let group: String = switch form {
        case "sexual_exploitation": "sexual_exploitation"
        case "forced_labour", "domestic_servitude": "forced_labour"
        case "forced_criminality": "forced_criminal_activity"
        case "forced_begging": "begging"
        case "forced_marriage": "forced_marriage"
        case "organ_removal": "organ_removal"
        case "illegal_adoption", "other": "other_purposes"
        case "unknown": "unknown"
        default: "multiple_forms"
        }
        return glotipForms.firstIndex(of: group)!
    }

    /// For each category of `form` (by index), its TIP type's index.
    static let traffickingTypeOfForm: [Int] = formCategories.map { form in
        let type: String = switch form {
        case "sexual_exploitation": "sex_trafficking"
        case "forced_labour", "domestic_servitude", "forced_begging", "forced_criminality": "labour_trafficking"
        case "forced_marriage", "organ_removal", "illegal_adoption", "other": "other_forms"
        case "unknown": "unknown"
        default: "multiple_forms"
        }
        return traffickingTypes.firstIndex(of: type)!
    }

    private static let formCategories = ExploitationForm.allCases.map(\.rawValue) + ["multiple_forms"]
}
