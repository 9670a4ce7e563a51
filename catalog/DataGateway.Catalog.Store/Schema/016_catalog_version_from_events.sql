-- The catalog version is Marten's highest event sequence now (issue 13, point 5; Documents/CatalogVersion): every
-- change appends events under the catalog's writer lock, so the maximum grows with every committed change. The
-- counter row goes.
drop table catalog_version;
