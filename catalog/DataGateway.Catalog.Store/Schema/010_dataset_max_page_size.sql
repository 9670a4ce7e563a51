-- The largest page the gateway lets a caller ask one dataset for (issue 12, point 8): paging is the gateway's to
-- check, so a caller can no longer have a department serve 10,000 rows in one call. Existing datasets take the
-- default; the bounds are the ones the dataset API validates (DataGateway.Policy.Model.Dataset).
alter table datasets add column max_page_size integer not null default 1000
    constraint datasets_max_page_size_range check (max_page_size between 1 and 10000);
