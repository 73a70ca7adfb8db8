DROP TRIGGER consultations_no_delete;
