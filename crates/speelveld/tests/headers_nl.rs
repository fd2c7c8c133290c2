//! Every column header of every table of every result has a Dutch translation
//! (`speelveld::model::columns`): each result is computed on the embedded data and each of
//! its tables' headers is looked up. Key figures and layout names, which are named after the
//! data, keep their names.

use speelveld::analysis::{
    aggregate, clusters, compare, congruence, crosswalk, diff, export, herindeling, layouts,
    lookup, mismatches, oogo, overview, players, profile, region_profile, translate, validate,
};
use speelveld::dataset::embedded::atlas;
use speelveld::dataset::herindeling::{
    Gemeenten, HerindelingSource, gemeenten, herindeling_between,
};
use speelveld::model::columns::{header, is_known};
use speelveld::model::{Taal, Table, Tabular, Weight};

fn t<T: Tabular>(r: &T) -> Vec<Table> {
    r.tables().unwrap()
}

fn check(name: &str, tables: Vec<Table>, data_names: &[String]) -> Vec<String> {
    let mut missing = Vec::new();
    for t in tables {
        let mut dutch: Vec<String> = t
            .columns
            .iter()
            .map(|c| header(c, Taal::Nl).into_owned())
            .collect();
        for c in &t.columns {
            if !is_known(c) && !data_names.iter().any(|d| d == c) {
                missing.push(format!("{name}/{}: {c}", t.name));
            }
        }
        let n = dutch.len();
        dutch.sort();
        dutch.dedup();
        assert_eq!(
            dutch.len(),
            n,
            "{name}/{}: two columns with one Dutch header",
            t.name
        );
    }
    missing
}

#[test]
fn every_header_of_every_result_has_a_dutch_translation() {
    let a = atlas(None).unwrap();
    let a15 = atlas(Some(2015)).unwrap();
    let mut data_names: Vec<String> = aggregate::figure_names(&a);
    data_names.extend(a.layouts().iter().map(|l| l.name().to_string()));
    let w = Weight::Units;
    let inw = Weight::Figure("inwoners".into());
    let h = herindeling_between(
        &a15,
        &gemeenten(&Gemeenten::Year(2025)).unwrap(),
        &HerindelingSource {
            table: None,
            embedded: true,
        },
    )
    .unwrap();
    let to = gemeenten(&Gemeenten::Year(2025)).unwrap();
    let options = translate::TranslateOptions {
        weight: None,
        area_where_missing: false,
    };
    let results: Vec<(&str, Vec<Table>)> = vec![
        ("layouts", t(&layouts::summarise(&a))),
        ("overview", t(&overview::overview(&a))),
        ("regions", t(&lookup::regions(&a, "swv-po").unwrap())),
        (
            "regions --weight",
            t(&aggregate::region_figures(&a, "swv-po", &inw).unwrap()),
        ),
        (
            "members",
            t(&lookup::members(&a, "jeugdzorgregio", "JZ13").unwrap()),
        ),
        ("gemeente", t(&lookup::unit_regions(&a, "Zwolle").unwrap())),
        (
            "profiel gemeente",
            t(&profile::profile(&a, "Zwolle").unwrap()),
        ),
        (
            "profiel region",
            t(&region_profile::region_profile(&a, "jeugdzorgregio", "JZ07").unwrap()),
        ),
        ("validate", t(&validate::validate(&a15, None).unwrap())),
        (
            "crosswalk",
            t(&crosswalk::crosswalk(&a, "swv-vo", "jeugdzorgregio", &inw).unwrap()),
        ),
        (
            "compare",
            t(&compare::compare(&a, "swv-po", "swv-vo", &w).unwrap()),
        ),
        (
            "mismatches",
            t(&mismatches::mismatches(&a, "swv-po", "swv-vo", &w).unwrap()),
        ),
        (
            "clusters",
            t(&clusters::clusters_with(
                &a,
                &["swv-po", "swv-vo", "jeugdzorgregio"],
                &w,
                &clusters::ClusterOptions {
                    min_share: 0.1,
                    min_units: 0.0,
                },
            )
            .unwrap()),
        ),
        ("oogo", t(&oogo::oogo(&a, &[]).unwrap())),
        ("players", t(&players::players(&a, &[]).unwrap())),
        ("congruence", t(&congruence::congruence(&a, &w).unwrap())),
        (
            "diff",
            t(&diff::diff(&a, a.layout("swv-po").unwrap(), a.layout("swv-vo").unwrap()).unwrap()),
        ),
        (
            "herindeling",
            t(&herindeling::HerindelingReport::new(h.clone())),
        ),
        (
            "translate",
            t(
                &translate::translate(a15.layout("swv-po").unwrap(), &a15, &h, &to, &options)
                    .unwrap(),
            ),
        ),
        ("export", t(&export::export(&a))),
    ];
    let mut missing = Vec::new();
    for (name, tables) in results {
        assert!(!tables.is_empty(), "{name}: no tables");
        missing.extend(check(name, tables, &data_names));
    }
    assert!(
        missing.is_empty(),
        "headers without a Dutch translation: {missing:#?}"
    );
}
