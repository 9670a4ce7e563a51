-- The first test owner's script; the second owner has one of the same name.
create table first_owner_table (id integer primary key);
