-- Organizations are Marten streams now (issue 13): each change is an event on the organization's stream and the
-- catalog reads the document its inline projection keeps (mt_doc_organization, created by Marten at start). The
-- table goes, and with it the foreign keys that named it: the catalog checks an owner, requester or grantee
-- against the documents in the same change instead. No deployments exist, so nothing is carried over.
drop table organizations cascade;
