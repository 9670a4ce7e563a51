-- The keyword search's trigram index over mt_doc_dataset.search_text, run after Marten has applied its own objects
-- (the table is Marten's; the index is ours, and Marten ignores it by name). pg_trgm ships with PostgreSQL's contrib
-- and is a trusted extension (13+), but a managed server may lack it or refuse it: then the search runs without the
-- index (the same SQL, a scan, still correct), and this says so in a notice instead of stopping the catalog.
-- The operator class is looked up wherever the extension lives (a managed server may keep extensions in a schema
-- of their own), so the index does not depend on the search path.
do $$
declare
    ops text;
begin
    if not exists (select 1 from pg_extension where extname = 'pg_trgm') then
        if not exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
            raise notice 'pg_trgm is not available: the dataset keyword search runs without its trigram index';
            return;
        end if;
        begin
            create extension pg_trgm;
        exception when others then
            raise notice 'pg_trgm could not be created (%): the dataset keyword search runs without its trigram index', sqlerrm;
            return;
        end;
    end if;

    select quote_ident(n.nspname) || '.gin_trgm_ops' into ops
    from pg_opclass c
    join pg_namespace n on n.oid = c.opcnamespace
    join pg_am m on m.oid = c.opcmethod
    where c.opcname = 'gin_trgm_ops' and m.amname = 'gin';

    execute format('create index if not exists mt_doc_dataset_idx_search_trgm on mt_doc_dataset using gin (search_text %s)', ops);
end
$$;
