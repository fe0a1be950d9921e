/// Name pools for synthetic persons, by citizenship. Invented combinations of common names.
enum NamePools {
    struct Pool {
        let female: [String]
        let male: [String]
        /// Family names as (male form, female form).
        let family: [(String, String)]
    }

    static let byCountry: [String: Pool] = [
        "AZE": Pool(
            female: ["Aynur", "Gülşən", "İlahə", "Səbinə", "Nərmin", "Ləman", "Aysel", "Türkan", "Şəbnəm", "Xədicə",
                     "Günay", "Könül", "Vüsalə", "Röya", "İradə", "Ülviyyə", "Fidan", "Sevinc", "Nigar", "Aygün"],
            male: ["Elçin", "Rəşad", "İlqar", "Orxan", "Tural", "Vüqar", "Kamran", "Ramil", "Şahin", "Əli"],
            family: [("Məmmədov", "Məmmədova"), ("Əliyev", "Əliyeva"), ("Hüseynov", "Hüseynova"), ("Quliyev", "Quliyeva"),
                     ("İsmayılov", "İsmayılova"), ("Həsənov", "Həsənova"), ("Abbasov", "Abbasova"), ("Rzayev", "Rzayeva"),
                     ("Cəfərov", "Cəfərova"), ("Süleymanov", "Süleymanova"), ("İbrahimov", "İbrahimova"), ("Kərimov", "Kərimova"),
                     ("Bağırov", "Bağırova"), ("Nəsirov", "Nəsirova"), ("Qasımov", "Qasımova")]),
        "RUS": Pool(
            female: ["Svetlana", "Olga", "Natalya", "Irina", "Yelena", "Tatyana", "Anastasiya", "Yuliya"],
            male: ["Sergey", "Aleksandr", "Dmitriy", "Andrey", "Igor"],
            family: [("Ivanov", "Ivanova"), ("Smirnov", "Smirnova"), ("Kuznetsov", "Kuznetsova"), ("Popov", "Popova"),
                     ("Volkov", "Volkova"), ("Sokolov", "Sokolova")]),
        "UZB": Pool(
            female: ["Dilnoza", "Gulnora", "Madina", "Nodira", "Zarina", "Shahnoza", "Feruza"],
            male: ["Bobur", "Jasur", "Sardor", "Otabek", "Rustam"],
            family: [("Karimov", "Karimova"), ("Rashidov", "Rashidova"), ("Yusupov", "Yusupova"), ("Tursunov", "Tursunova"),
                     ("Nazarov", "Nazarova")]),
        "TUR": Pool(
            female: ["Ayşe", "Fatma", "Elif", "İrem", "Zeynep", "Büşra", "Gülay", "Şule"],
            male: ["Mehmet", "Mustafa", "İbrahim", "Hüseyin", "Yiğit"],
            family: [("Yılmaz", "Yılmaz"), ("Kaya", "Kaya"), ("Demir", "Demir"), ("Şahin", "Şahin"), ("Çelik", "Çelik"),
                     ("Aydın", "Aydın"), ("Öztürk", "Öztürk"), ("Kılıç", "Kılıç")]),
        "NPL": Pool(
            female: ["Sita", "Gita", "Sunita", "Anjali", "Pooja", "Sabina"],
            male: ["Ram", "Bikash", "Suman", "Prakash"],
            family: [("Shrestha", "Shrestha"), ("Gurung", "Gurung"), ("Tamang", "Tamang"), ("Thapa", "Thapa"),
                     ("Rai", "Rai"), ("Magar", "Magar")]),
        "TJK": Pool(
            female: ["Manija", "Nigora", "Firuza", "Mehrangez"],
            male: ["Farhod", "Daler", "Shuhrat"],
            family: [("Rahimov", "Rahimova"), ("Saidov", "Saidova"), ("Sharipov", "Sharipova")]),
        "KGZ": Pool(
            female: ["Aizada", "Aigerim", "Cholpon", "Nurzhan"],
            male: ["Azamat", "Bakyt", "Talant"],
            family: [("Asanov", "Asanova"), ("Osmonov", "Osmonova"), ("Sydykov", "Sydykova")]),
        "UKR": Pool(
            female: ["Oksana", "Kateryna", "Olena", "Mariya"],
            male: ["Andriy", "Taras", "Mykola"],
            family: [("Shevchenko", "Shevchenko"), ("Bondarenko", "Bondarenko"), ("Kovalenko", "Kovalenko")]),
    ]
}
