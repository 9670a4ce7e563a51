-- What the published catalog's keyword search (q=) reads: per dataset, one lower-cased text of its code, title,
-- description, domain, owner (id and name) and every field's name and title. One row per dataset, so a search reads
-- 17,320 short texts instead of joining some 350,000 field rows per query; Chinese words of any length match by
-- substring, which no trigram index does for two-character words.
--
-- Written by the catalog in the same change whenever a dataset, its fields or its owner's name are written
-- (DatasetStore.RefreshSearchSql, which this backfill mirrors); removed with the dataset.
create table dataset_search (
    dataset_code text primary key references datasets (code) on delete cascade,
    search_text  text not null
);

insert into dataset_search (dataset_code, search_text)
    select d.code, lower(concat_ws(' ', d.code, d.title, d.description, d.domain, d.owner_id, o.name, f.text))
    from datasets d
    join organizations o on o.id = d.owner_id
    left join (select dataset_code, string_agg(name || ' ' || title, ' ' order by ordinal) as text
               from dataset_fields group by dataset_code) f on f.dataset_code = d.code;
