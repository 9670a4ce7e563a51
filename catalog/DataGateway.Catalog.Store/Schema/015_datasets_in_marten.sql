-- Datasets with their fields and price schedules are Marten streams now (issue 13): the catalog reads the projected
-- documents (mt_doc_dataset), whose price schedule is folded from the stream (DatasetPrices) rather than kept by a
-- trigger, and whose search text is a duplicated column of the document. The hand-written tables of 001, 002, 006,
-- 010 and 011 go, with the price trigger and function.
drop trigger if exists datasets_prices_follow on datasets;
drop function if exists dataset_prices_follow();
drop function if exists dataset_price_at(text, timestamptz);
drop table dataset_search;
drop table dataset_prices;
drop table dataset_fields;
drop table datasets;
