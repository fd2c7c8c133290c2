//! Every sentence the report, the profile page and the maps write, in Dutch and English.
//!
//! One table of texts, each with a key; placeholders are `{name}` and are filled by
//! [`fill`]. A test checks that every text exists in both languages with the same
//! placeholders, so no string can be missing in either.

use crate::model::Taal;

macro_rules! texts {
    ($($key:ident => $nl:expr, $en:expr;)*) => {
        /// The key of one text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Key { $($key),* }

        impl Key {
            /// Every key, in the order of the table.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            /// The text in Dutch and in English.
            pub fn pair(self) -> (&'static str, &'static str) {
                match self { $(Key::$key => ($nl, $en)),* }
            }
        }
    };
}

texts! {
    Lead => "De regionale indelingen van Nederland naast elkaar{of_year}: {units} gemeenten, {layouts} indelingen.",
        "The Dutch regional layouts side by side{of_year}: {units} gemeenten, {layouts} layouts.";
    OfYear => " in {year}", " in {year}";
    SearchLabel => "Zoeken in alle tabellen", "Search every table";
    SearchPlaceholder => "gemeente, regio of code, bijvoorbeeld Zwolle", "gemeente, region or code, e.g. Zwolle";
    SearchCount => "{shown} van {total} rijen", "{shown} of {total} rows";
    Rows => "rijen", "rows";
    Footer => "Gemaakt met speelveld. Beweeg over een gemeente op een kaart om haar regio's te zien; klik op een kolomkop om een tabel te sorteren.",
        "Made with speelveld. Hover over a gemeente on a map to see its regions; click a column heading to sort a table.";
    ProvenanceHeading => "Herkomst van de indelingen", "Where the layouts come from";
    ProvLayout => "indeling", "layout";
    ProvRegions => "regio's", "regions";
    ProvVersion => "bron, wettelijke versie en datum", "source, legal version and date";
    ProvSwvLaw => "Regeling regio-indeling samenwerkingsverbanden passend onderwijs PO en VO (BWBR0032324), versie van 23 april 2015",
        "Regeling regio-indeling samenwerkingsverbanden passend onderwijs PO en VO (BWBR0032324), version of 23 April 2015";
    ProvSwvCarried => "de indeling van de wet op de gemeenten van 2015, via de herindelingen overgezet naar de gemeenten van {year}; {conflicts} gemeenten met voorgangers in verschillende SWV's zijn nu verdeeld",
        "the law's layout on the gemeenten of 2015, carried to the gemeenten of {year} through the herindelingen; {conflicts} gemeenten whose predecessors lay in different SWV's are now split";
    ProvSwv2015 => "de indeling zoals de wet haar geeft, op de gemeenten van 2015", "the layout as the law gives it, on the gemeenten of 2015";
    ProvCbs => "CBS/Kadaster, gebiedsindelingen {year} (CC BY 4.0)", "CBS/Kadaster, gebiedsindelingen {year} (CC BY 4.0)";
    ProvOther => "zoals geladen", "as loaded";
    HFindings => "Bevindingen", "Findings";
    HSwvGemeenten => "Gemeenten per samenwerkingsverband", "Gemeenten per samenwerkingsverband";
    HPoVo => "SWV PO tegenover SWV VO", "SWV PO versus SWV VO";
    HJeugdzorg => "Overlap met de jeugdzorgregio's", "Overlap with the jeugdzorgregio's";
    HKengetallen => "Kengetallen: inwoners en jongeren", "Kengetallen: inhabitants and young people";
    HClusters => "Clusters die samen moeten afstemmen", "Clusters that must coordinate";
    HOogo => "OOGO-partners", "OOGO partners";
    HPlayers => "De andere spelers van elk SWV", "The other players of every SWV";
    HCongruence => "Hoe goed de indelingen samenvallen", "How well the layouts agree";
    HHerindeling => "Herindeling: indelingen overgezet naar de gemeenten van dit jaar", "Herindeling: layouts carried to this year's gemeenten";
    HTechnical => "Technisch: indelingen, coördinaten en verdeelde gemeenten", "Technical: layouts, coordinates and split gemeenten";
    HValidation => "Technisch: controles", "Technical: checks";
    FSplitNone => "In {layout} ligt elke gemeente in één regio.", "In {layout} every gemeente lies in one region.";
    FSplit => "In {layout} zijn {n} gemeenten verdeeld over meer dan één regio: {list}.",
        "In {layout} {n} gemeenten are split between more than one region: {list}.";
    FNest => "{a} tegenover {b}, van de {total} regio's van {a}: binnen één regio van {b} (nesten): {within}; een of meer hele regio's van {b} omvattend: {contains}; over een grens van {b} heen (kruisend): {crossing}{ties}.",
        "{a} against {b}, of the {total} regions of {a}: within one region of {b} (nesting): {within}; containing one or more whole regions of {b}: {contains}; reaching across a border of {b} (crossing): {crossing}{ties}.";
    FTies => " (waarvan {n} gelijk verdeeld over twee of meer regio's, zonder hoofdregio)",
        " (of which {n} split evenly over two or more regions, with no main one)";
    FCrossList => "Kruisend: {list}.", "Crossing: {list}.";
    FClusters => "Regio's van {layouts} die een gemeente delen, vormen samen een cluster. Zonder drempel zijn dat {count} clusters; het grootste telt {regions} regio's en {units} gemeenten ({name}).",
        "Regions of {layouts} that share a gemeente form one cluster. Without a threshold there are {count} clusters; the largest holds {regions} regions and {units} gemeenten ({name}).";
    FClustersThreshold => "Telt een overlap pas mee vanaf {share} van de kleinere regio, dan zijn het {count} clusters; het grootste telt {regions} regio's en {units} gemeenten ({name}).",
        "When an overlap counts only from {share} of the smaller region, there are {count} clusters; the largest holds {regions} regions and {units} gemeenten ({name}).";
    FOogoGemeenten => "OOGO: een gemeente voert overleg met elk SWV waarin zij ligt. Het meeste overleg ({max} tafels): {most}. De minste tafels ({min}): {one} gemeenten.",
        "OOGO: a gemeente consults every SWV it lies in. The most consultations ({max} tables): {most}. The fewest tables ({min}): {one} gemeenten.";
    FOogoSwv => "{layout}: de meeste gemeenten aan tafel ({max}) bij {most}; de minste ({min}) bij {fewest}.",
        "{layout}: the most gemeenten at the table ({max}) at {most}; the fewest ({min}) at {fewest}.";
    FTechnicalAtEnd => "Technische tabellen (coördinaten, verdeelde gemeenten, controles) staan aan het eind.",
        "Technical tables (coordinates, split gemeenten, checks) are at the end.";
    Missing => "Niet getoond: er is geen indeling {names} geladen (geladen: {have}).", "Not shown: no layout named {names} is loaded (loaded: {have}).";
    None_ => "geen", "none";
    Or => " of ", " or ";
    MapInfo => "Beweeg over een gemeente: haar regio licht op en haar indelingen staan hier.", "Hover over a gemeente: its region lights up and its memberships show here.";
    NoMap => "Geen kaart: {error}.", "No map: {error}.";
    PoVoIntro => "De regio's van {a} gekleurd, de grenzen van {b} er breed in magenta overheen. {within} van de {total} regio's van {a} liggen binnen één regio van {b} en {contains} omvatten hele regio's: dat is nesten, niet gearceerd. Gearceerd: de {units} gemeenten waar een van de {crossing} andere regio's een grens van {b} kruist (een deel in een regio van {b} buiten de hoofdregio{ties}).",
        "The regions of {a} coloured, the borders of {b} wide in magenta on top. {within} of the {total} regions of {a} lie within one region of {b} and {contains} contain whole ones: nesting, not hatched. Hatched: the {units} gemeenten where one of the other {crossing} regions crosses a border of {b} (a part in a region of {b} other than the main one{ties}).";
    PoVoTies => "; zonder hoofdregio (gelijk verdeeld), en dus met al zulke delen: {n}", "; with no main one (a tie), and so listing all such parts: {n}";
    HatchCrossPo => "waar de regio een grens van het SWV VO kruist", "where the region crosses a VO border";
    HatchCrossPartner => "waar de regio een grens van de partnerregio kruist", "where the region crosses a partner region's border";
    HatchConflict => "met voorgangers in verschillende regio's", "with predecessors in different regions";
    PairHeading => "{a} en {b}", "{a} and {b}";
    MetricsIntro => "Zo lees je de maten:", "How to read the measures:";
    MetricAri => "ARI (adjusted Rand index): hoe vaak twee gemeenten in beide indelingen wel of niet samen zitten, gecorrigeerd voor toeval; 1 is gelijk, rond 0 is ongerelateerd.",
        "ARI (adjusted Rand index): how often two gemeenten are together or apart in both layouts, corrected for chance; 1 is identical, near 0 unrelated.";
    MetricNmi => "NMI (normalised mutual information): hoeveel de ene indeling verraadt over de andere, van 0 (niets) tot 1 (alles).",
        "NMI (normalised mutual information): how much one layout tells about the other, from 0 (nothing) to 1 (everything).";
    MetricVi => "VI (variation of information): de informatie die verloren gaat en bijkomt van de ene indeling naar de andere; 0 is gelijk, hoger is verder uit elkaar.",
        "VI (variation of information): the information lost and gained going from one layout to the other; 0 is identical, higher is further apart.";
    MetricNesting => "a_within_b (nesten): het aandeel van de gemeenten (gewogen) dat in een regio van A ligt die geheel binnen één regio van B valt; 1 betekent dat A volledig in B nest.",
        "a_within_b (nesting): the share of the gemeenten (weighted) that lie in a region of A wholly within one region of B; 1 means A nests entirely in B.";
    CongruenceIntro => "De ARI van elk paar indelingen: 1 waar twee indelingen de gemeenten gelijk groeperen, rond 0 waar ze niets met elkaar te maken hebben.",
        "The ARI of every pair of layouts: 1 where two layouts group the gemeenten identically, near 0 where they are unrelated.";
    NestedPairs => "Paren die nesten (elke regio van de eerste ligt binnen één regio van de tweede): {list}. Alle andere paren snijden elkaar.",
        "Pairs that nest (every region of the first lies within one region of the second): {list}. All other pairs cut across each other.";
    NoNestedPairs => "Geen paar nest: in elk paar overspant een regio van elk van beide regio's van de ander.", "No pair nests: in every pair some region of each layout spans regions of the other.";
    Within => "{a} binnen {b}", "{a} within {b}";
    FewerThanTwo => "Niet getoond: minder dan twee indelingen geladen.", "Not shown: fewer than two layouts are loaded.";
    HeatCaption => "adjusted Rand index (ARI)", "adjusted Rand index (ARI)";
    ClustersIntro => "Regio's van {layouts} die een gemeente delen, worden verbonden; elke samenhangende groep is een cluster: de kleinste groep regio's die samen moet afstemmen. {count} clusters.",
        "Regions of {layouts} that share a gemeente are joined; each connected group is a cluster: the smallest set of regions that must coordinate together. {count} clusters.";
    ThresholdIntro => "Hoe de clusters veranderen als een kleine overlap (een aandeel van de gemeenten van de kleinere regio) niet meer verbindt:",
        "How the clusters change when a small overlap (a share of the smaller region's gemeenten) no longer links:";
    ThresholdCaption => "clusters per drempel", "clusters per threshold";
    ColThreshold => "drempel", "threshold";
    ColClusters => "clusters", "clusters";
    ColLargest => "grootste cluster", "largest cluster";
    ColLargestRegions => "regio's in het grootste", "regions in the largest";
    ColLargestUnits => "gemeenten in het grootste", "gemeenten in the largest";
    ColDropped => "weggelaten verbindingen", "links dropped";
    OogoIntro => "Elk SWV voert OOGO met elke gemeente in zijn gebied; een gemeente in meerdere SWV's voert meerdere.", "Every SWV holds OOGO with every gemeente in its area; a gemeente in several SWV's holds several.";
    PlayersIntro => "Wie zit er nog meer aan tafel: voor elk SWV de regio's van de {n} andere indelingen ({list}) waarin zijn gemeenten liggen, met hoeveel gemeenten in elk. Elke genoemde regio is een partner voor overleg.",
        "Who else is at the table: for each SWV, the regions of the {n} other layouts ({list}) that its gemeenten belong to, with how many of its gemeenten lie in each. A region listed is a partner to consult.";
    HerindelingNone => "Geen conflicten: geen indeling is over een herindeling gezet met voorgangers in verschillende regio's.", "No conflicts: no layout was carried across a herindeling with predecessors in different regions.";
    HerindelingIntro => "Sommige indelingen zijn getekend op de gemeenten van een eerder jaar en via de herindelingen overgezet naar de gemeenten van dit jaar. Waar de voorgangers van een nieuwe gemeente in verschillende regio's lagen, is zij nu tussen die regio's verdeeld, naar de inwoners van elk deel waar die bekend zijn en anders naar oppervlakte (kolom basis): die regio's moeten opnieuw worden vastgesteld. Gearceerd op de kaart.",
        "Some layouts were drawn on the gemeenten of an earlier year and carried to this year's gemeenten through the herindelingen. Where a new gemeente's predecessors lay in different regions it is now split between them, by the inhabitants of each part where they are known and by area otherwise (column basis): those regions must be redrawn. Hatched on the map.";
    Conflicts => "{layout}: {n} conflicten", "{layout}: {n} conflicts";
    ConflictsCaption => "{layout}: nieuwe gemeenten met voorgangers in verschillende regio's", "{layout}: new gemeenten with predecessors in different regions";
    ValidationIntro => "Controles van elke gemeente en elke indeling (dekking, aandelen die optellen tot één, codes van een ander jaar, rijen die niet te koppelen waren), naar ernst: fout {errors}, waarschuwing {warnings}, informatie {infos}.",
        "Checks of every unit and every layout (coverage, shares that sum to one, codes of another year, rows that could not be attached), by severity: error {errors}, warning {warnings}, info {infos}.";
    ValidationNone => "Geen bevindingen: elke gemeente ligt in elke indeling, heel of in aandelen die optellen tot één.", "No findings: every unit lies in every layout, whole or in shares that sum to one.";
    TechnicalIntro => "De geladen indelingen met hun aantallen, coördinatenstelsel en bron.", "The loaded layouts with their counts, coordinate system and source.";
    KengetallenMissing => "Niet getoond: niet elke gemeente heeft inwoners (het kengetal 'inwoners'); laad kengetallen om ze te zien.",
        "Not shown: not every unit has inhabitants (the figure 'inwoners'); load key figures to see them.";
    KengetallenIntro => "Inwoners (CBS kerncijfers, overgezet naar de gemeenten van dit jaar) van elke regio, en van elke cel waar een SWV en een partnerregio overlappen. Een verdeelde gemeente telt met haar aandeel in elke regio mee. Dat is exact waar het aandeel uit de inwoners van elk deel komt (een gemeente die bij een herindeling ontstond uit voorgangers in verschillende SWV's, zoals Weesp in Amsterdam); elders is het een schatting (de postcodegrenzen van de wet; fusies gewogen naar oppervlakte) en staat de rij gemarkeerd als <em>geschat</em>. De jongeren van een verdeelde gemeente volgen dezelfde aandelen.",
        "Inhabitants (CBS kerncijfers, carried to this year's gemeenten) of every region, and of every cell where an SWV and a partner region overlap. A gemeente split between regions adds its share to each. That is exact where the share was made from the people of each part (a gemeente joined by a herindeling from predecessors in different SWV's, such as Weesp in Amsterdam); elsewhere the share is an estimate (the law's postcode splits; mergers weighed by area) and the row is marked <em>estimated</em>. The young people of a split gemeente's parts follow the same shares.";
    KengetallenCells => "{cells} overlapcellen; {estimated} rusten op een schatting; {small} hebben minder dan {min} inwoners en zijn gemarkeerd als <em>klein</em>: niet zo te publiceren.",
        "{cells} overlap cells; {estimated} rest on an estimate; {small} hold fewer than {min} people and are marked <em>small</em>: not to be published as they are.";
    Estimated => "geschat", "estimated";
    Small => "klein", "small";
    RegionsCaption => "inwoners per regio van {layouts}", "inhabitants per region of {layouts}";
    CellsCaption => "inwoners per cel van {a} × {b}", "inhabitants per cell of {a} × {b}";
    MembersCaption => "{layout}: gemeenten per regio", "{layout}: gemeenten per region";
    ProfileTitle => "{name} in beeld", "{name} at a glance";
    ProfileLead => "Gemeente {name} ({code}): haar regio in elke indeling, wie er bij haar aan tafel zit, waar haar SWV PO en VO verschillen, en haar kengetallen.",
        "Gemeente {name} ({code}): its region in every layout, who sits with it at each table, where its SWV PO and VO differ, and its key figures.";
    PRegions => "Haar regio's", "Its regions";
    PTogether => "Aan tafel: de andere gemeenten in elke regio", "At the table: the other gemeenten in each region";
    POogo => "{name} voert OOGO met {n} samenwerkingsverband(en): {list}.", "{name} holds OOGO with {n} samenwerkingsverband(en): {list}.";
    PPoVo => "Waar SWV PO en VO verschillen", "Where SWV PO and VO differ";
    PPoVoSame => "Haar SWV PO en SWV VO omvatten dezelfde gemeenten.", "Its SWV PO and SWV VO hold the same gemeenten.";
    PPoVoDiffer => "{po} gemeenten liggen alleen in haar SWV PO, {vo} alleen in haar SWV VO.", "{po} gemeenten lie only in its SWV PO, {vo} only in its SWV VO.";
    PFigures => "Kengetallen", "Key figures";
    PNeighbours => "Buurgemeenten", "Neighbouring gemeenten";
    PMap => "Kaart van de omgeving", "Map of the surroundings";
    PMapIntro => "De SWV PO-regio's rond {name} gekleurd, de grenzen van de jeugdzorgregio's in magenta; {name} gearceerd. Grijs: buurgemeenten buiten haar regio's.",
        "The SWV PO regions around {name} coloured, the borders of the jeugdzorgregio's in magenta; {name} hatched. Grey: neighbouring gemeenten outside its regions.";
    PHatch => "{name}: de gemeente zelf", "{name}: the gemeente itself";
    POnlyPo => "alleen in het SWV PO", "only in the SWV PO";
    POnlyVo => "alleen in het SWV VO", "only in the SWV VO";
    LegendRegions => "{n} regio's van {layout} ({colours} kleuren; buren verschillen)", "{n} regions of {layout} ({colours} colours; neighbours differ)";
    LegendBorder => "grens van {layout}", "border of {layout}";
    LegendGemeenteBorder => "gemeentegrens", "gemeente border";
    LegendSplit => "{n} {units} verdeeld over regio's", "{n} {units} split between regions";
    LegendSplitParts => "{n} verdeelde {units}: {parts} getekend per deel, {striped} gestreept", "{n} split {units}: {parts} drawn by their parts, {striped} striped";
    LegendHatch => "{n} {units} {what}", "{n} {units} {what}";
    LegendUncovered => "{n} gemeenten niet in {layout}", "{n} units not in {layout}";
    LegendMissing => "{n} {units} zonder omtrek niet getekend", "{n} {units} without outline not drawn";
    LegendOutside => "buiten {clip} (grijs)", "outside {clip} (grey)";
    LegendHatchDefault => "in een afwijking tussen de indelingen", "in a mismatch between the layouts";
    Gemeenten => "gemeenten", "gemeenten";
    Postcodes => "postcodegebieden", "postcode areas";
    CapCompare => "{a} vergeleken met {b}: elke regio van {a}", "{a} compared with {b}: every region of {a}";
    CapMetrics => "maten van overeenkomst van {a} en {b}", "measures of agreement of {a} and {b}";
    CapMismatches => "gemeenten van {a} buiten de hoofdregio van hun regio in {b}, in de regio's die {b} kruisen",
        "gemeenten of {a} outside their region's main region of {b}, in the regions that cross {b}";
    CapRelations => "de regio's van {a} en hun relatie tot {b}", "the regions of {a} and their relation to {b}";
    CapCrosswalk => "kruistabel {a} × {b}: gemeenten per cel", "crosswalk {a} × {b}: gemeenten per cell";
    CapClusterRegions => "de regio's van elk cluster", "the regions of every cluster";
    CapClusterSizes => "de clusters en hun omvang", "the clusters and their size";
    CapDropped => "weggelaten verbindingen", "links dropped";
    CapOogoPairs => "OOGO-paren: elk SWV met elke gemeente in zijn gebied", "OOGO pairs: every SWV with every gemeente in its area";
    CapOogoGemeenten => "partners per gemeente", "partners per gemeente";
    CapOogoSwvs => "gemeenten per SWV", "gemeenten per SWV";
    CapOogoTotals => "totalen", "totals";
    CapPlayers => "de spelers van elk SWV: per indeling de regio's van zijn gemeenten (hoeveel)", "the players of each SWV: per layout the regions of its gemeenten (how many)";
    CapLayouts => "indelingen", "layouts";
    CapDataset => "gegevensset", "dataset";
    CapFindings => "controles: fout {errors}, waarschuwing {warnings}, informatie {infos}", "checks: error {errors}, warning {warnings}, info {infos}";
    CapPairs => "maten van overeenkomst per paar indelingen", "measures of agreement per pair of layouts";
    TitleWithBorders => "{a} met de grenzen van {b}", "{a} with the borders of {b}";
    // The one-page profile of a region (render/report/region_profile.rs) and its map.
    RKindPo => "een samenwerkingsverband passend onderwijs voor het primair onderwijs", "a samenwerkingsverband passend onderwijs for primary education";
    RKindVo => "een samenwerkingsverband passend onderwijs voor het voortgezet onderwijs", "a samenwerkingsverband passend onderwijs for secondary education";
    RKindJz => "een jeugdzorgregio, waarin de gemeenten samen jeugdzorg inkopen", "a jeugdzorgregio, in which the gemeenten buy youth care together";
    RKindOther => "een regio van de indeling {layout}", "a region of the layout {layout}";
    RLeadWhat => "{label} is {kind}.", "{label} is {kind}.";
    RLeadSource => "Herkomst van de indeling {layout}: {version}", "Source of the layout {layout}: {version}";
    RLeadWhole => "De regio omvat {n} gemeenten, elk geheel.", "It holds {n} gemeenten, each whole.";
    RLeadSplit => "De regio omvat {n} gemeenten, waarvan {k} voor een deel: {list}; opgeteld {sum} gemeenten.", "It holds {n} gemeenten, {k} of them in part: {list}; added up, {sum} gemeenten.";
    RLeadOne => "De regio omvat één gemeente, geheel.", "It holds one gemeente, whole.";
    RLeadFigures => "Samen {inwoners} inwoners op {km2} km² land (CBS kerncijfers, gewogen naar het aandeel van elke gemeente).", "Together {inwoners} inhabitants on {km2} km² of land (CBS kerncijfers, weighted by each gemeente's share).";
    RLeadInwoners => "Samen {inwoners} inwoners (CBS kerncijfers, gewogen naar het aandeel van elke gemeente).", "Together {inwoners} inhabitants (CBS kerncijfers, weighted by each gemeente's share).";
    RLeadEstimated => "Daarvan rusten {n} inwoners op een geschat aandeel van een verdeelde gemeente.", "Of these, {n} inhabitants rest on an estimated share of a split gemeente.";
    RLeadIntro => "Hieronder: de gemeenten, een kaart, de OOGO-partners, de overlap met de andere indelingen en waar SWV PO en VO verschillen.", "Below: the gemeenten, a map, the OOGO partners, the overlap with the other layouts and where SWV PO and VO differ.";
    RGemeenten => "De gemeenten", "Its gemeenten";
    RGemeentenCaption => "{label}: gemeenten met hun aandeel, inwoners, jongeren en land (× aandeel)", "{label}: gemeenten with their share, inhabitants, young people and land (× share)";
    ROogo => "OOGO-partners", "OOGO partners";
    ROogoSwv => "{label} voert op overeenstemming gericht overleg (OOGO) over zijn ondersteuningsplan met elke gemeente in zijn gebied, zoals de wet het gebied vastlegt: {n} {gemeenten} ({list}).", "{label} holds OOGO (consultation aimed at agreement) on its support plan with every gemeente in its area, as the law lays the area down: {n} {gemeenten} ({list}).";
    ROogoOther => "De gemeenten van {label} voeren OOGO met elk samenwerkingsverband waarin zij liggen: {n} SWV's ({list}).", "The gemeenten of {label} hold OOGO with every samenwerkingsverband they lie in: {n} SWV's ({list}).";
    ROogoCaption => "{label}: OOGO-partners", "{label}: OOGO partners";
    RMap => "Kaart van de regio en haar omgeving", "Map of the region and its surroundings";
    RMapIntro => "De regio's van {layout}: {label} met een dikke rand en de gemeenten ervan bij naam, de buurgemeenten in de andere regio's van {layout} lichter, de grenzen van {b} in magenta. Grijs: verder weg.", "The regions of {layout}: {label} in a thick outline with its gemeenten named, the neighbouring gemeenten in the other regions of {layout} lighter, the borders of {b} in magenta. Grey: further away.";
    RMapIntroAlone => "De regio's van {layout}: {label} met een dikke rand en de gemeenten ervan bij naam, de buurgemeenten in de andere regio's van {layout} lichter. Grijs: verder weg.", "The regions of {layout}: {label} in a thick outline with its gemeenten named, the neighbouring gemeenten in the other regions of {layout} lighter. Grey: further away.";
    RMapFocus => "{label}: dikke rand, gemeenten bij naam", "{label}: thick outline, gemeenten named";
    RMapClip => "{label} en omgeving", "{label} and surroundings";
    ROverlap => "Overlap met {layout}", "Overlap with {layout}";
    ROverlapIntro => "De gemeenten van {label} liggen in {n} regio's van {layout}: {list}.", "The gemeenten of {label} lie in {n} regions of {layout}: {list}.";
    ROverlapCaption => "{label} × {layout}: gedeelde gemeenten per regio", "{label} × {layout}: shared gemeenten per region";
    ROverlapItem => "{region} ({units} {gemeenten}, {share} van {label})", "{region} ({units} {gemeenten}, {share} of {label})";
    RGemeente => "gemeente", "gemeente";
    ROthers => "De andere indelingen", "The other layouts";
    ROthersIntro => "Per indeling de regio's waarin de gemeenten van {label} liggen.", "Per layout, the regions the gemeenten of {label} lie in.";
    ROthersCaption => "{label}: de regio's van de andere indelingen", "{label}: the regions of the other layouts";
    RColUnits => "gemeenten", "gemeenten";
    RColWeight => "overlap (gemeenten)", "overlap (gemeenten)";
    RColOfThis => "deel van deze regio", "share of this region";
    RColOfOther => "deel van die regio", "share of that region";
    RColAlsoOogo => "voert ook OOGO met", "also holds OOGO with";
    RColGemeenten => "gedeelde gemeenten", "gemeenten shared";
    RYes => "ja", "yes";
    RNo => "nee", "no";
    RPoVo => "Waar SWV PO en VO verschillen", "Where SWV PO and VO differ";
    RPoVoSame => "{label} omvat precies dezelfde gemeenten als {other}.", "{label} holds exactly the same gemeenten as {other}.";
    RPoVoSwv => "Van de {n} regio's van {layout} waarin de gemeenten van {label} liggen, vallen er {within} geheel binnen {label} en reiken er {cross} over de grens: {list}.", "Of the {n} regions of {layout} that the gemeenten of {label} lie in, {within} fall wholly within {label} and {cross} reach across its border: {list}.";
    RPoVoUnits => "Per gemeente haar SWV PO en SWV VO; bij {k} van de {n} omvatten die niet dezelfde gemeenten.", "Per gemeente its SWV PO and SWV VO; for {k} of the {n} they do not hold the same gemeenten.";
    RPoVoCaption => "{label}: SWV PO en SWV VO per gemeente", "{label}: SWV PO and SWV VO per gemeente";
    RColDiffer => "verschillen", "differ";
    RFigures => "Kengetallen", "Key figures";
    RFiguresCaption => "{label}: kengetallen, opgeteld over de gemeenten (× aandeel)", "{label}: key figures, summed over the gemeenten (× share)";
    RColFigure => "kengetal", "figure";
    RColValue => "waarde", "value";
    RColEstimated => "waarvan geschat", "of which estimated";
    RSources => "Bronnen", "Sources";
    RAttribution => "Gemeentegrenzen, gebiedsindelingen en kerncijfers: Bron: CBS/Kadaster, CC BY 4.0. De SWV-indelingen: Regeling regio-indeling samenwerkingsverbanden passend onderwijs PO en VO (BWBR0032324), wettekst, vrij van auteursrecht.", "Gemeente borders, regional layouts and key figures: Bron: CBS/Kadaster, CC BY 4.0. The SWV layouts: Regeling regio-indeling samenwerkingsverbanden passend onderwijs PO en VO (BWBR0032324), law text, free of copyright.";
    LegendFaded => "buurgemeenten in andere regio's van {layout} (lichter)", "neighbouring gemeenten in other regions of {layout} (lighter)";
}

impl Key {
    /// The text in `taal`.
    pub fn get(self, taal: Taal) -> &'static str {
        let (nl, en) = self.pair();
        match taal {
            Taal::Nl => nl,
            Taal::En => en,
        }
    }

    /// The text in `taal` with its placeholders filled.
    pub fn fill(self, taal: Taal, values: &[(&str, &str)]) -> String {
        fill(self.get(taal), values)
    }
}

/// Replaces each `{name}` in `template` by its value; a placeholder without a value stays.
///
/// # Examples
/// ```
/// use speelveld::render::text::fill;
/// assert_eq!(fill("{a} en {b}", &[("a", "PO"), ("b", "VO")]), "PO en VO");
/// ```
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// A column heading in `taal`: Dutch words for the common technical headers; any other
/// heading in its Dutch from [`crate::model::columns::header`], with spaces for
/// underscores (`legal_basis` → `wettelijke grondslag`); a heading neither knows as it is.
///
/// # Examples
/// ```
/// use speelveld::model::Taal;
/// use speelveld::render::text::header;
/// assert_eq!(header(Taal::Nl, "share_of_a"), "aandeel van a");
/// assert_eq!(header(Taal::En, "share_of_a"), "share_of_a");
/// ```
pub fn header(taal: Taal, column: &str) -> String {
    if taal == Taal::En {
        return column.to_string();
    }
    let nl = match column {
        "layout" => "indeling",
        "region" => "regio",
        "regions" => "regio's",
        "name" => "naam",
        "unit" => "gemeente",
        "unit_name" => "gemeentenaam",
        "units" => "gemeenten",
        "share" => "aandeel",
        "share_of_a" => "aandeel van a",
        "share_of_b" => "aandeel van b",
        "weight" => "gewicht",
        "relation" => "relatie",
        "estimated" => "geschat",
        "estimated_parts" | "estimated parts" => "geschatte delen",
        "small" => "klein",
        "source" => "bron",
        "message" => "melding",
        "severity" => "ernst",
        "item" => "onderdeel",
        "value" => "waarde",
        "split_units" => "verdeelde gemeenten",
        "split" => "verdeeld",
        "list" => "lijst",
        "gemeente_name" => "gemeentenaam",
        "swv_name" => "naam SWV",
        "swv_layout" => "indeling SWV",
        "dominant" => "hoofdregio",
        "dominant_name" => "naam hoofdregio",
        "tie" => "gelijk",
        "tied" => "gelijk verdeeld over",
        "both_split" => "in beide verdeeld",
        "b_regions" => "regio's van b",
        "mismatch_units" => "afwijkende gemeenten",
        "best" => "beste match",
        "best_name" => "naam beste match",
        "overlap" => "overlap",
        "figure" => "kengetal",
        "border_km" => "grens (km)",
        "others" => "andere gemeenten",
        "partners" => "partners",
        "partner" => "partner",
        "partner name" => "naam partner",
        "inhabitants" | "inwoners" => "inwoners",
        "conflicts" => "conflicten",
        "errors" => "fouten",
        "warnings" => "waarschuwingen",
        "basis" => "basis",
        "shares" => "aandelen",
        "predecessors (weight)" => "voorgangers (gewicht)",
        "side" => "kant",
        other if crate::model::columns::is_known(other) => {
            return crate::model::columns::header(other, taal).replace('_', " ");
        }
        other => return other.to_string(),
    };
    nl.to_string()
}

/// The placeholders of a text, sorted.
#[cfg(test)]
fn placeholders(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(k, _)| k.to_string()))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages_with_the_same_placeholders() {
        for k in Key::ALL {
            let (nl, en) = k.pair();
            assert!(!nl.trim().is_empty(), "{k:?} has no Dutch text");
            assert!(!en.trim().is_empty(), "{k:?} has no English text");
            assert_eq!(placeholders(nl), placeholders(en), "{k:?}");
        }
    }

    #[test]
    fn fill_replaces_every_named_placeholder() {
        let s = Key::SearchCount.fill(Taal::Nl, &[("shown", "3"), ("total", "342")]);
        assert_eq!(s, "3 van 342 rijen");
        assert_eq!(Key::SearchCount.get(Taal::En), "{shown} of {total} rows");
    }

    #[test]
    fn a_heading_without_its_own_words_takes_the_tables_dutch() {
        assert_eq!(header(Taal::Nl, "legal_basis"), "wettelijke grondslag");
        assert_eq!(header(Taal::Nl, "pairs_per_layout"), "paren per indeling");
        assert_eq!(
            header(Taal::Nl, "inwoners_0_14_afgeleid"),
            "inwoners_0_14_afgeleid"
        );
        assert_eq!(header(Taal::En, "legal_basis"), "legal_basis");
    }
}
