-- Data services are Marten streams now (issue 13): the catalog reads the projected documents (mt_doc_dataservice).
-- The table goes with the foreign key datasets had on it; the catalog checks a dataset's service against the
-- documents in the same change instead.
drop table data_services cascade;
