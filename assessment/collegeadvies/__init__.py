"""The collegeadvies: the advice to the college van B en W about one
assessed partner, in the structure a Dutch gemeente expects (issue 14).

* ``text``: the officer's plain text (paragraphs and "- " lists, no HTML)
  as blocks, the same for the PDF and the .docx;
* ``drafts``: what the portal writes in every section, from its data;
* ``document``: the whole advice as plain data (header, sections, the
  finances table, and the Afwegingskader as Bijlage 1 from ``report``);
* ``docx``: the same advice as a Word document (python-docx)."""
