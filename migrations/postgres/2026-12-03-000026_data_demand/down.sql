DROP TABLE data_demand;
