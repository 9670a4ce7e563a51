-- Applications and grants are Marten streams now (issue 13): their workflow is decided from the stream and the
-- catalog reads the projected documents (mt_doc_application, mt_doc_grant). The tables go.
drop table grants cascade;
drop table applications cascade;
